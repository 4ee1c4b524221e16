package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kizuna.TestWorkspace;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.web.SupportSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * SLA wiring end to end on the real database: the policy that applies by priority, due times in business hours
 * across a weekend and a public holiday, a pause while pending, recomputation after a policy change, the watch
 * publishing a breach once, the inbox's SLA views, the report and its CSV; the reply outbox against GreenMail SMTP
 * (sent after the request, retried, failure shown and sent again); bad input and other workspaces on every new page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RecordApplicationEvents
class SupportSlaIT {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

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
	TicketSla sla;

	@Autowired
	SlaPolicyManagement policies;

	@Autowired
	MailChannels channels;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	GreenMail mail;

	TestWorkspace ws;

	TestWorkspace other;

	User agent;

	String agentEmail;

	@BeforeAll
	void start() throws Exception {
		ServerSetup smtp = new ServerSetup(freePort(), "127.0.0.1", "smtp");
		smtp.setServerStartupTimeout(60_000);
		mail = new GreenMail(smtp);
		mail.start();
		ws = TestWorkspace.create(workspaces, people, keys, "sla", "ja");
		other = TestWorkspace.create(workspaces, people, keys, "slaother", "en");
		agentEmail = ws.user(people, "agent", Role.SUPPORT);
		agent = people.findUser(agentEmail).orElseThrow();
		policies.create(ws.id(), new SlaPolicy("urgent", "緊急", 10, null, "urgent", null, null, null, 60, null, 480, 30));
		policies.create(ws.id(), new SlaPolicy("standard", "標準", 100, null, null, null, null, null, 240, 240, 1440, 60));
	}

	@AfterAll
	void stop() {
		mail.stop();
	}

	static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static Instant tokyo(String local) {
		return java.time.LocalDateTime.parse(local).atZone(TOKYO).toInstant();
	}

	/** Moves a ticket's creation (and its first history rows) to a known moment, then recomputes its clocks. */
	void createdAt(long ticketId, Instant at) {
		jdbc.sql("update support_ticket set created_at = :at where workspace_id = :ws and ticket_id = :id")
			.param("at", Timestamp.from(at)).param("ws", ws.id().value()).param("id", ticketId).update();
		jdbc.sql("update support_ticket_change set at = :at where workspace_id = :ws and ticket_id = :id")
			.param("at", Timestamp.from(at)).param("ws", ws.id().value()).param("id", ticketId).update();
		jdbc.sql("update support_message set created_at = :at where workspace_id = :ws and ticket_id = :id")
			.param("at", Timestamp.from(at)).param("ws", ws.id().value()).param("id", ticketId).update();
		sla.refresh(ws.id(), List.of(ticketId));
	}

	void statusAt(long ticketId, String from, String to, Instant at) {
		jdbc.sql("""
				insert into support_ticket_change (workspace_id, ticket_id, at, field, old_value, new_value)
				values (:ws, :id, :at, 'status', :from, :to)""")
			.param("ws", ws.id().value()).param("id", ticketId).param("at", Timestamp.from(at)).param("from", from)
			.param("to", to).update();
		jdbc.sql("update support_ticket set status = :to where workspace_id = :ws and ticket_id = :id")
			.param("to", to).param("ws", ws.id().value()).param("id", ticketId).update();
		sla.refresh(ws.id(), List.of(ticketId));
	}

	Instant stored(long ticketId, String column) {
		return jdbc.sql("select " + column + " from support_ticket_sla where workspace_id = :ws and ticket_id = :id")
			.param("ws", ws.id().value()).param("id", ticketId).query(OffsetDateTime.class).optional()
			.map(OffsetDateTime::toInstant).orElse(null);
	}

	String policyOf(long ticketId) {
		return jdbc.sql("select policy_key from support_ticket_sla where workspace_id = :ws and ticket_id = :id")
			.param("ws", ws.id().value()).param("id", ticketId).query(String.class).optional().orElse(null);
	}

	long ticket(String subject, String priority) {
		return desk.create(ws.id(), new TicketDraft(subject, "本文", "customer@example.jp", "顧客", null, priority, null,
				List.of(), "api"), null).id();
	}

	static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(until);
			Thread.sleep(100);
		}
	}

	@Test
	void urgentTicketIsDueAcrossAWeekendAndAHolidayAndItsBreachIsPublishedOnce() {
		long id = ticket("至急：ログインできません", "urgent");
		assertThat(policyOf(id)).isEqualTo("urgent");
		// Friday 2026-11-20 17:30 in Tokyo: 30 minutes that day, then Sat, Sun and Monday 23 (勤労感謝の日) are closed
		createdAt(id, tokyo("2026-11-20T17:30"));
		assertThat(stored(id, "first_response_due_at")).isEqualTo(tokyo("2026-11-24T09:30"));
		// resolution 480 business minutes: 30 on Friday, 450 from Tuesday 9:00 → 16:30
		assertThat(stored(id, "resolution_due_at")).isEqualTo(tokyo("2026-11-24T16:30"));
		assertThat(desk.view(ws.id(), TicketView.BREACHED, agent.id(), null, 50).items()).extracting(Ticket::id)
			.contains(id);

		events.clear();
		sla.watch();
		List<SlaAlert> breached = events.stream(SlaBreached.class).filter(e -> e.workspaceId().equals(ws.id()))
			.flatMap(e -> e.tickets().stream()).filter(a -> a.ticketId() == id).toList();
		assertThat(breached).extracting(SlaAlert::metric).containsExactlyInAnyOrder("first_response", "resolution");
		assertThat(events.stream(SlaBreached.class).filter(e -> e.workspaceId().equals(ws.id())).count())
			.as("one event per run, not per ticket").isEqualTo(1);
		events.clear();
		sla.watch();
		assertThat(events.stream(SlaBreached.class).flatMap(e -> e.tickets().stream()).filter(a -> a.ticketId() == id))
			.as("published once").isEmpty();
	}

	@Test
	void pendingPausesTheClockAndAPolicyChangeMovesDueTimes() throws Exception {
		long id = ticket("請求書の宛名について", "normal");
		assertThat(policyOf(id)).isEqualTo("standard");
		createdAt(id, tokyo("2026-11-24T10:00"));
		assertThat(stored(id, "first_response_due_at")).isEqualTo(tokyo("2026-11-24T14:00"));
		statusAt(id, "new", "pending", tokyo("2026-11-24T11:00"));
		assertThat(stored(id, "first_response_due_at")).as("no due time while waiting on the customer").isNull();
		statusAt(id, "pending", "open", tokyo("2026-11-24T13:00"));
		assertThat(stored(id, "first_response_due_at")).as("the two paused hours are added")
			.isEqualTo(tokyo("2026-11-24T16:00"));

		// the policy's target changes: the event recomputes the open tickets after the commit
		policies.update(ws.id(), "standard", new SlaPolicy("standard", "標準", 100, null, null, null, null, null, 120,
				240, 1440, 60));
		waitFor("due time recomputed", () -> tokyo("2026-11-24T14:00").equals(stored(id, "first_response_due_at")));

		// a priority change picks another policy mid-ticket and says so in the history
		desk.update(ws.id(), id, new TicketUpdate(null, "urgent", null, null, null, false), agent.id());
		assertThat(policyOf(id)).isEqualTo("urgent");
		assertThat(desk.history(ws.id(), id)).anySatisfy(c -> {
			assertThat(c.field()).isEqualTo("sla_policy");
			assertThat(c.oldValue()).isEqualTo("standard");
			assertThat(c.newValue()).isEqualTo("urgent");
		});
		policies.update(ws.id(), "standard", new SlaPolicy("standard", "標準", 100, null, null, null, null, null, 240,
				240, 1440, 60));
	}

	@Test
	void inboxViewsReportAndCsvInTheUsersLanguageAndBadInputIsRefused() {
		long id = ticket("画面が表示されません", "urgent");
		createdAt(id, tokyo("2026-11-20T17:30"));
		var session = SupportSessions.signIn(port, agentEmail, TestWorkspace.PASSWORD);
		HttpResponse<String> breached = session.get("/support?view=breached");
		assertThat(breached.statusCode()).isEqualTo(200);
		assertThat(breached.body()).contains("id=\"ticket-" + id + "\"").contains("違反");
		assertThat(session.get("/support?view=nonsense").statusCode()).isEqualTo(400);

		HttpResponse<String> page = session.get("/support/tickets/" + id);
		assertThat(page.body()).contains("id=\"ticket-sla\"").contains("緊急").contains("初回応答")
			.contains("2026年11月24日");

		HttpResponse<String> report = session.get("/support/sla-report?months=3");
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).contains("SLAレポート").contains("緊急").contains("0%");
		assertThat(session.get("/support/sla-report?months=99").statusCode()).isEqualTo(400);
		assertThat(session.get("/support/sla-report?months=abc").statusCode()).isEqualTo(400);
		HttpResponse<String> csv = session.get("/support/sla-report.csv?months=3");
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.body()).contains("初回応答達成率").contains("urgent");

		// another workspace sees none of it
		var stranger = SupportSessions.signIn(port, other.adminEmail(), TestWorkspace.PASSWORD);
		assertThat(stranger.get("/support?view=breached").body()).doesNotContain("画面が表示されません");
		assertThat(stranger.get("/support/sla-report.csv?months=3").body()).doesNotContain("urgent");
		assertThat(stranger.post("/support/tickets/" + id + "/messages/1/retry", "").statusCode()).isEqualTo(404);
		assertThat(api(other, "/api/v1/support/tickets/" + id + "/sla").statusCode()).isEqualTo(404);
		HttpResponse<String> mine = api(ws, "/api/v1/support/tickets/" + id + "/sla");
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(mine.body()).contains("\"policyKey\":\"urgent\"").contains("BREACHED");
		assertThat(api(ws, "/api/v1/support/sla-report?months=0").statusCode()).isEqualTo(400);
		assertThat(anonymous("/support/sla-report")).isIn(302, 401, 403);
	}

	HttpResponse<String> api(TestWorkspace w, String path) {
		try {
			return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Bearer " + w.apiToken()).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	int anonymous(String path) {
		try {
			return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	String delivery(long messageId) {
		return jdbc.sql("select coalesce(delivery, '') || '/' || coalesce(delivery_error, '') from support_message"
				+ " where workspace_id = :ws and message_id = :id")
			.param("ws", ws.id().value()).param("id", messageId).query(String.class).single();
	}

	@Test
	void repliesLeaveAfterTheRequestAreRetriedAndAFailureIsShownAndSentAgain() throws Exception {
		MailChannel channel = channels.connect(ws.id(), new MailChannelDraft("窓口", "desk@sla-mail.test", "127.0.0.1",
				freePort(), "desk", "imap-password", false, "127.0.0.1", mail.getSmtp().getPort(), null, null, false));
		jdbc.sql("update support_channel set enabled = false where workspace_id = :ws").param("ws", ws.id().value())
			.update(); // no IMAP behind it: only its SMTP is used here
		long id = ticket("返信の送信", "normal");
		jdbc.sql("update support_ticket set channel_id = :c where workspace_id = :ws and ticket_id = :id")
			.param("c", channel.id()).param("ws", ws.id().value()).param("id", id).update();

		TicketMessage reply = desk.reply(ws.id(), id, agent, "確認いたします。", "pending");
		assertThat(reply.delivery()).as("stored in the request, not sent in it").isEqualTo("queued");
		waitFor("the outbox job sends it", () -> delivery(reply.id()).equals("sent/"));
		assertThat(mail.getReceivedMessagesForDomain("example.jp")).hasSize(1);
		assertThat(mail.getReceivedMessagesForDomain("example.jp")[0].getHeader("Message-ID")[0])
			.isEqualTo(reply.mailMessageId());

		// the mail server goes away: retried with backoff, then failed, shown on the ticket, sent again by hand
		jdbc.sql("update support_channel set smtp_port = :p where workspace_id = :ws").param("p", freePort())
			.param("ws", ws.id().value()).update();
		TicketMessage second = desk.reply(ws.id(), id, agent, "続報です。", "pending");
		waitFor("the first attempt fails and is queued again", () -> delivery(second.id()).equals("queued/smtp"));
		assertThat(jdbc.sql("select delivery_next_at > now() + interval '30 seconds' from support_message"
				+ " where workspace_id = :ws and message_id = :id").param("ws", ws.id().value()).param("id", second.id())
			.query(Boolean.class).single()).as("backed off").isTrue();
		jdbc.sql("update support_message set delivery_attempts = :n, delivery_next_at = now() where workspace_id = :ws"
				+ " and message_id = :id").param("n", ReplyOutbox.MAX_ATTEMPTS - 1).param("ws", ws.id().value())
			.param("id", second.id()).update();
		waitFor("the last attempt gives up", () -> delivery(second.id()).equals("failed/smtp"));
		var session = SupportSessions.signIn(port, agentEmail, TestWorkspace.PASSWORD);
		String page = session.get("/support/tickets/" + id).body();
		assertThat(page).contains("送信失敗").contains("メールサーバーが返信を拒否したか").contains("再送信");

		jdbc.sql("update support_channel set smtp_port = :p where workspace_id = :ws").param("p", mail.getSmtp().getPort())
			.param("ws", ws.id().value()).update();
		HttpResponse<String> retried = session.post("/support/tickets/" + id + "/messages/" + second.id() + "/retry", "");
		assertThat(retried.statusCode()).isEqualTo(302);
		waitFor("sent again", () -> delivery(second.id()).equals("sent/"));
		assertThat(mail.getReceivedMessagesForDomain("example.jp")).hasSize(2);
		assertThat(session.post("/support/tickets/" + id + "/messages/" + second.id() + "/retry", "").statusCode())
			.as("a sent reply is not sent twice").isEqualTo(302);
		assertThat(mail.getReceivedMessagesForDomain("example.jp")).hasSize(2);
	}
}
