package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kizuna.TestWorkspace;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.web.SupportSessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 item 5, collision notice: two agents with a ticket open see each other by name (escaped), typing shows,
 * a viewer whose heartbeat stopped disappears after the expiry and one who left at once; another workspace's agents,
 * on a ticket with the same number of their own, never appear, and cannot beat on ours.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportViewersIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	SupportDesk desk;

	@Autowired
	JdbcClient jdbc;

	TestWorkspace ws;

	TestWorkspace other;

	long ticket;

	long otherTicket;

	@BeforeAll
	void setUp() {
		ws = TestWorkspace.create(workspaces, people, keys, "viewers", "ja");
		other = TestWorkspace.create(workspaces, people, keys, "viewersother", "en");
		ticket = desk.create(ws.id(), new TicketDraft("ログインできません", "本文", "c@viewers.example", null, null, null, null,
				List.of(), "api"), null).id();
		otherTicket = desk.create(other.id(), new TicketDraft("Other", "body", "c@other.example", null, null, null, null,
				List.of(), "api"), null).id();
		assertThat(otherTicket).as("numbers are per workspace: both tickets are #1").isEqualTo(ticket);
	}

	final java.util.Map<String, Long> ids = new java.util.HashMap<>();

	SupportSessions.Session agent(TestWorkspace in, String name, String displayName, Role role) {
		String email = name + "@" + in.slug() + ".test";
		ids.put(displayName, people.createUser(in.id(), email, displayName, TestWorkspace.PASSWORD, role).id());
		return SupportSessions.signIn(port, email, TestWorkspace.PASSWORD);
	}

	String beat(SupportSessions.Session session, long id, boolean typing) {
		var response = session.post("/support/tickets/" + id + "/viewers?lang=ja", "typing=" + typing);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	void aged(String displayName, int seconds) {
		jdbc.sql("""
				update support_ticket_viewer set seen_at = seen_at - make_interval(secs => :s)
				where workspace_id = :ws and user_id = :user""")
			.param("s", seconds).param("ws", ws.id().value()).param("user", ids.get(displayName)).update();
	}

	@Test
	void twoAgentsSeeEachOtherUntilOneLeavesOrStopsBeating() {
		// a ticket of this test's own, so that no other test's agents are on it
		long mine = desk.create(ws.id(), new TicketDraft("同時に開く", "本文", null, null, null, null, null, List.of(), "api"),
				null).id();
		SupportSessions.Session sato = agent(ws, "sato", "佐藤 愛子", Role.SUPPORT);
		SupportSessions.Session kim = agent(ws, "kim", "Kim <b>&\"Lee\"", Role.CSM);
		SupportSessions.Session viewer = agent(ws, "view", "閲覧 太郎", Role.VIEWER);

		assertThat(beat(sato, mine, false)).as("alone on the ticket").doesNotContain("class=\"viewer");
		String seenByKim = beat(kim, mine, false);
		assertThat(seenByKim).contains("佐藤 愛子さんもこのチケットを表示しています").doesNotContain("Kim");
		String seenBySato = beat(sato, mine, false);
		assertThat(seenBySato).contains("Kim &lt;b&gt;&amp;&quot;Lee&quot;さんもこのチケットを表示しています")
			.doesNotContain("<b>");
		// typing shows, then stops showing once the keystrokes are old
		beat(kim, mine, true);
		assertThat(beat(sato, mine, false)).contains("Kim &lt;b&gt;&amp;&quot;Lee&quot;さんが返信を入力しています");
		jdbc.sql("update support_ticket_viewer set typing_at = typing_at - interval '30 seconds' where workspace_id = :ws")
			.param("ws", ws.id().value()).update();
		assertThat(beat(sato, mine, false)).doesNotContain("入力しています").contains("Kim");
		// a viewer (read-only role) is seen and sees
		assertThat(beat(viewer, mine, false)).contains("佐藤 愛子さん", "Kim &lt;b&gt;");
		assertThat(beat(sato, mine, false)).contains("閲覧 太郎さん");
		// a heartbeat older than the expiry (the browser closed without a goodbye) no longer counts
		aged("Kim <b>&\"Lee\"", TicketViewers.EXPIRY_SECONDS + 1);
		aged("閲覧 太郎", TicketViewers.EXPIRY_SECONDS - 6);
		String afterExpiry = beat(sato, mine, false);
		assertThat(afterExpiry).doesNotContain("Kim").contains("閲覧 太郎さん");
		// leaving takes effect at once
		assertThat(viewer.post("/support/tickets/" + mine + "/viewers/leave", "").statusCode()).isEqualTo(204);
		assertThat(beat(sato, mine, false)).doesNotContain("class=\"viewer");
		// the same heartbeat in English
		beat(kim, mine, false);
		assertThat(sato.post("/support/tickets/" + mine + "/viewers?lang=en", "typing=false").body())
			.contains("Kim &lt;b&gt;&amp;&quot;Lee&quot; is also viewing this ticket");
		// an old row of one's own on another ticket is cleared by one's next heartbeat anywhere
		long second = desk.create(ws.id(), new TicketDraft("二件目", "本文", null, null, null, null, null, List.of(), "api"),
				null).id();
		beat(sato, second, false);
		aged("佐藤 愛子", 60);
		beat(sato, mine, false);
		assertThat(jdbc.sql("select ticket_id from support_ticket_viewer where workspace_id = :ws and user_id = :user")
			.param("ws", ws.id().value()).param("user", ids.get("佐藤 愛子")).query(Long.class).list())
			.containsExactly(mine);
	}

	@Test
	void anotherWorkspacesAgentsNeverAppearAndCannotBeatOnOurTickets() {
		SupportSessions.Session ours = agent(ws, "ours", "当社 一郎", Role.SUPPORT);
		SupportSessions.Session theirs = agent(other, "theirs", "Their Agent", Role.ADMIN);
		beat(ours, ticket, false);
		// their ticket #1 is not ours: they see nobody of ours, and we never see them
		assertThat(beat(theirs, otherTicket, false)).doesNotContain("当社").doesNotContain("class=\"viewer");
		assertThat(beat(ours, ticket, false)).doesNotContain("Their Agent");
		// our tickets do not exist for them
		long foreign = desk.create(ws.id(), new TicketDraft("当社だけ", "本文", null, null, null, null, null, List.of(),
				"api"), null).id();
		assertThat(theirs.post("/support/tickets/" + foreign + "/viewers", "typing=false").statusCode()).isEqualTo(404);
		assertThat(theirs.post("/support/tickets/" + foreign + "/viewers/leave", "").statusCode()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from support_ticket_viewer where workspace_id = :ws and ticket_id = :t")
			.param("ws", ws.id().value()).param("t", foreign).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from support_ticket_viewer where workspace_id = :ws")
			.param("ws", other.id().value()).query(Long.class).single()).isEqualTo(1L);
	}
}
