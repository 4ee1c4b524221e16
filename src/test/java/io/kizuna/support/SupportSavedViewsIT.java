package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.web.SupportSessions;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16 item 5, saved filters: an agent filters the inbox by status, priority, channel, tag and assignee, saves
 * the filter as a view for themselves or the workspace; a private view is nobody else's, a shared one everyone's
 * (and the API's); bad filters are refused with the reason; another workspace sees none of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportSavedViewsIT {

	@LocalServerPort
	int port;

	@Autowired
	SupportDesk desk;

	@Autowired
	SavedTicketViews views;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	static String subjects(HttpResponse<String> page) {
		Matcher rows = Pattern.compile("<tr id=\"ticket-\\d+\">.*?<a href=\"/support/tickets/\\d+\">([^<]*)</a>", Pattern.DOTALL)
			.matcher(page.body());
		StringBuilder out = new StringBuilder();
		while (rows.find()) {
			out.append(rows.group(1)).append('|');
		}
		return out.toString();
	}

	@Test
	void agentsFilterSaveAndShareViews() {
		TestWorkspace ws = TestWorkspace.create(workspaces, people, keys, "savedviews", "ja");
		String aikoEmail = ws.user(people, "aiko", Role.SUPPORT);
		String kenEmail = ws.user(people, "ken", Role.SUPPORT);
		User aiko = people.findUser(aikoEmail).orElseThrow();
		Ticket vipUrgent = desk.create(ws.id(), new TicketDraft("請求書が届かない", "至急お願いします", "a@example.jp", null, null,
				"urgent", null, List.of("vip"), "web"), null);
		desk.create(ws.id(), new TicketDraft("ログインできない", "助けてください", "b@example.jp", null, null, "urgent", null,
				List.of(), "api"), null);
		desk.create(ws.id(), new TicketDraft("CSVの形式", "教えてください", "c@example.jp", null, null, "low", null,
				List.of("vip"), "web"), null);
		Ticket assigned = desk.create(ws.id(), new TicketDraft("解約したい", "手続きは", "d@example.jp", null, null, "high", null,
				List.of("vip"), "api"), null);
		desk.update(ws.id(), assigned.id(), new TicketUpdate(null, null, null, null, aiko.id(), false), null);

		SupportSessions.Session a = SupportSessions.signIn(port, aikoEmail, TestWorkspace.PASSWORD);
		// an ad-hoc filter: urgent or high, tagged vip
		HttpResponse<String> filtered = a.get("/support?priority=urgent&priority=high&tag=vip");
		assertThat(filtered.statusCode()).isEqualTo(200);
		assertThat(subjects(filtered)).contains("請求書が届かない|", "解約したい|").doesNotContain("ログインできない", "CSVの形式");
		assertThat(filtered.body()).contains("チケットを絞り込む", "ビューとして保存").doesNotContain("??support");
		// assigned to me, and channel web only
		assertThat(subjects(a.get("/support?assignee=me"))).isEqualTo("解約したい|");
		assertThat(subjects(a.get("/support?channel=web&assignee=none"))).contains("請求書が届かない", "CSVの形式")
			.doesNotContain("解約したい", "ログインできない");
		assertThat(a.get("/support?status=bogus").statusCode()).isEqualTo(400);
		assertThat(a.get("/support?tag=" + "x".repeat(51)).statusCode()).isEqualTo(400);

		// saved, private: Aiko sees it as a tab with its count, Ken does not
		HttpResponse<String> saved = a.post("/support/views",
				"name=%E3%81%8A%E5%BE%97%E6%84%8F%E6%A7%98%E3%81%AE%E6%80%A5%E3%81%8E&priority=urgent&priority=high&tag=vip");
		assertThat(saved.statusCode()).isEqualTo(302);
		long privateId = Long.parseLong(saved.headers().firstValue("Location").orElseThrow().replaceAll(".*saved=", ""));
		HttpResponse<String> tab = a.get("/support?saved=" + privateId);
		assertThat(tab.body()).contains("id=\"saved-" + privateId + "\"", "お得意様の急ぎ", "(2)");
		assertThat(subjects(tab)).contains("請求書が届かない|", "解約したい|").doesNotContain("CSVの形式");
		SupportSessions.Session k = SupportSessions.signIn(port, kenEmail, TestWorkspace.PASSWORD);
		assertThat(k.get("/support").body()).doesNotContain("お得意様の急ぎ");
		assertThat(k.get("/support?saved=" + privateId).statusCode()).isEqualTo(404);
		assertThat(k.post("/support/views/" + privateId + "/delete", "").statusCode()).isEqualTo(404);

		// shared: Ken sees it, and so does the API
		HttpResponse<String> sharedSave = a.post("/support/views", "name=web&shared=true&channel=web");
		long sharedId = Long.parseLong(sharedSave.headers().firstValue("Location").orElseThrow().replaceAll(".*saved=", ""));
		assertThat(k.get("/support").body()).contains("id=\"saved-" + sharedId + "\"", "共有");
		TestHttp http = new TestHttp(port);
		assertThat(http.get("/api/v1/support/views", ws.apiToken()).body()).contains("\"web\"").doesNotContain("お得意様の急ぎ");
		assertThat(http.get("/api/v1/support/tickets?saved=" + sharedId, ws.apiToken()).body())
			.contains("請求書が届かない", "CSVの形式").doesNotContain("ログインできない");
		assertThat(http.get("/api/v1/support/tickets?saved=" + privateId, ws.apiToken()).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/support/tickets?priority=urgent,high&tag=vip", ws.apiToken()).body())
			.contains("請求書が届かない", "解約したい").doesNotContain("CSVの形式", "ログインできない");
		assertThat(http.get("/api/v1/support/tickets?status=bogus", ws.apiToken()).statusCode()).isEqualTo(400);
		assertThat(http.get("/api/v1/support/tickets?assignee=me", ws.apiToken()).statusCode()).isEqualTo(400);

		// bad views are refused with the reason, and nothing is saved
		assertThatThrownBy(() -> views.save(ws.id(), aiko.id(), "", false, new TicketFilter(null, List.of("urgent"), null, null, null)))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("name");
		assertThatThrownBy(() -> views.save(ws.id(), aiko.id(), "x".repeat(81), false, new TicketFilter(null, List.of("urgent"), null, null, null)))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> views.save(ws.id(), aiko.id(), "empty", false, TicketFilter.none()))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("condition");
		assertThatThrownBy(() -> views.save(ws.id(), aiko.id(), "odd", false, new TicketFilter(List.of("later"), null, null, null, null)))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("status");
		for (int i = views.visibleTo(ws.id(), aiko.id()).size(); i < SavedTicketViews.MAX_PER_AGENT; i++) {
			views.save(ws.id(), aiko.id(), "view " + i, false, new TicketFilter(null, List.of("low"), null, null, null));
		}
		assertThatThrownBy(() -> views.save(ws.id(), aiko.id(), "one too many", false,
				new TicketFilter(null, List.of("low"), null, null, null)))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("50");

		// another workspace: none of the views, none of the tickets
		TestWorkspace other = TestWorkspace.create(workspaces, people, keys, "savedviews-other", "en");
		assertThat(http.get("/api/v1/support/views", other.apiToken()).body()).doesNotContain("\"web\"");
		assertThat(http.get("/api/v1/support/tickets?saved=" + sharedId, other.apiToken()).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/support/tickets?tag=vip", other.apiToken()).body()).doesNotContain("請求書が届かない");
		SupportSessions.Session stranger = SupportSessions.signIn(port, other.adminEmail(), other.password());
		assertThat(stranger.get("/support?saved=" + sharedId).statusCode()).isEqualTo(404);
		assertThat(stranger.post("/support/views/" + sharedId + "/delete", "").statusCode()).isEqualTo(404);
		assertThatThrownBy(() -> views.get(other.id(), aiko.id(), sharedId)).isInstanceOf(NotFoundException.class);

		// the owner deletes the view
		assertThat(a.post("/support/views/" + privateId + "/delete", "").statusCode()).isEqualTo(302);
		assertThat(a.get("/support?saved=" + privateId).statusCode()).isEqualTo(404);
		assertThat(vipUrgent.id()).isPositive();
	}
}
