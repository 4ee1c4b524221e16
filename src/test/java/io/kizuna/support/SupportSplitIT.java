package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.calendars.CalendarManagement;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.shared.NotFoundException;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextsWritten;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Issue 16 item 5, splitting: a customer's message with its attachment moves to a new ticket of the same requester,
 * contact and account; both histories point to each other; the new ticket gets its own SLA clocks, TicketCreated and
 * the moved text announced with its new link; a reply, a note, the only customer message and a chat are refused;
 * another workspace can split nothing (facade, REST, page); the REST endpoint and the page do what the facade does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RecordApplicationEvents
class SupportSplitIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	SupportDesk desk;

	@Autowired
	TicketSla sla;

	@Autowired
	SlaPolicyManagement policies;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	TestWorkspace ws;

	TestWorkspace other;

	User agent;

	String agentEmail;

	@BeforeAll
	void setUp() {
		ws = TestWorkspace.create(workspaces, people, keys, "split", "ja");
		other = TestWorkspace.create(workspaces, people, keys, "splitother", "en");
		agentEmail = ws.user(people, "agent", Role.SUPPORT);
		agent = people.findUser(agentEmail).orElseThrow();
		accounts.createAccount(ws.id(), "split-co", new AccountDraft("分割商事", "split-co.example", null, null, null, null,
				null, null));
		policies.create(ws.id(), new SlaPolicy("high", "高", 10, CalendarManagement.ALWAYS_KEY, "high", null, null, null,
				60, null, 480, 10));
	}

	/** A ticket from customer@split-co.example (high priority) with a first message and a second mail with a file. */
	long[] ticketWithTwoMessages(String tag) {
		Ticket ticket = desk.create(ws.id(), new TicketDraft("請求書の件 " + tag, "請求書が届きません。", "customer@split-co.example",
				"山田 花子", null, "high", null, List.of("billing"), "web"), null);
		InboundMail second = desk.receive(ws.id(), null, mail(ticket.id(), tag));
		assertThat(second.ticketId()).as("the second mail threads into the ticket").isEqualTo(ticket.id());
		long first = desk.messages(ws.id(), ticket.id()).get(0).id();
		return new long[] { ticket.id(), first, second.messageId() };
	}

	static byte[] mail(long ticketId, String tag) {
		return ("From: =?UTF-8?B?5bGx55SwIOiKseWtkA==?= <customer@split-co.example>\r\n"
				+ "To: support@example.com\r\nSubject: Re: 請求書の件 [#" + ticketId + "]\r\n"
				+ "Message-ID: <split-" + tag + "-" + System.nanoTime() + "@split-co.example>\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\n別件ですが、ログインもできません。\r\n--b\r\n"
				+ "Content-Type: application/pdf; name=\"screen.pdf\"\r\n"
				+ "Content-Disposition: attachment; filename=\"screen.pdf\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8);
	}

	/** Moves a ticket's creation and messages into the past, so that a new ticket's clocks differ from it. */
	void aged(long ticketId, Duration by) {
		Timestamp at = Timestamp.from(Instant.now().minus(by));
		for (String table : List.of("support_ticket", "support_message")) {
			jdbc.sql("update " + table + " set created_at = :at where workspace_id = :ws and ticket_id = :id")
				.param("at", at).param("ws", ws.id().value()).param("id", ticketId).update();
		}
		jdbc.sql("update support_ticket_change set at = :at where workspace_id = :ws and ticket_id = :id")
			.param("at", at).param("ws", ws.id().value()).param("id", ticketId).update();
		sla.refresh(ws.id(), List.of(ticketId));
	}

	@Test
	void theMessageAndItsAttachmentMoveToANewTicketOfTheSameRequester() {
		long[] t = ticketWithTwoMessages("move");
		aged(t[0], Duration.ofHours(3));
		Ticket source = desk.ticket(ws.id(), t[0]);
		assertThat(desk.attachments(ws.id(), t[0])).hasSize(1);
		events.clear();

		Ticket created = desk.split(ws.id(), t[0], t[2], agent.id());

		assertThat(created.id()).isNotEqualTo(t[0]);
		assertThat(created.subject()).isEqualTo("請求書の件 move（#" + t[0] + "から分割）");
		assertThat(created.requesterEmail()).isEqualTo(source.requesterEmail());
		assertThat(created.requesterContactId()).isNotNull().isEqualTo(source.requesterContactId());
		assertThat(created.accountId()).isNotNull().isEqualTo(source.accountId());
		assertThat(created.priority()).isEqualTo("high");
		assertThat(created.status()).isEqualTo("new");
		assertThat(created.tags()).containsExactly("billing");
		assertThat(desk.messages(ws.id(), created.id())).extracting(TicketMessage::id).containsExactly(t[2]);
		assertThat(desk.messages(ws.id(), t[0])).extracting(TicketMessage::id).containsExactly(t[1]);
		assertThat(desk.attachments(ws.id(), created.id())).extracting(TicketAttachment::fileName)
			.containsExactly("screen.pdf");
		assertThat(desk.attachments(ws.id(), t[0])).isEmpty();
		assertThat(desk.history(ws.id(), t[0])).filteredOn(h -> h.field().equals("split_into")).singleElement()
			.satisfies(h -> {
				assertThat(h.newValue()).isEqualTo(Long.toString(created.id()));
				assertThat(h.actorUserId()).isEqualTo(agent.id());
			});
		assertThat(desk.history(ws.id(), created.id())).extracting(TicketChange::field)
			.containsSubsequence("created", "split_from");
		assertThat(desk.history(ws.id(), created.id())).filteredOn(h -> h.field().equals("split_from"))
			.extracting(TicketChange::newValue).containsExactly(Long.toString(t[0]));

		// announced like a new ticket, and the moved text now links to it
		assertThat(events.stream(TicketCreated.class)
			.filter(e -> e.workspaceId().equals(ws.id()) && e.ticketId() == created.id()))
			.singleElement().satisfies(e -> assertThat(e.accountId()).isEqualTo(source.accountId()));
		List<CustomerText> texts = events.stream(CustomerTextsWritten.class).flatMap(e -> e.texts().stream()).toList();
		assertThat(texts).filteredOn(x -> x.sourceId().equals(Long.toString(t[2]))).singleElement()
			.satisfies(x -> assertThat(x.link()).isEqualTo("/support/tickets/" + created.id()));

		// its own clocks, from its own creation: not the original's three-hour-old due time
		TicketSla.Status clocks = sla.status(ws.id(), created.id()).orElseThrow();
		assertThat(clocks.policyKey()).isEqualTo("high");
		assertThat(clocks.evaluation().firstResponse().dueAt()).isEqualTo(created.createdAt().plus(Duration.ofMinutes(60))
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		assertThat(sla.status(ws.id(), t[0]).orElseThrow().evaluation().firstResponse().dueAt())
			.isBefore(Instant.now());
		assertThat(sla.summaries(ws.id(), List.of(created.id()))).containsKey(created.id());
	}

	@Test
	void aMergeAnnouncesTheMovedTextAgainWithTheSurvivorsLink() {
		long[] source = ticketWithTwoMessages("merge-source");
		long[] survivor = ticketWithTwoMessages("merge-survivor");
		events.clear();
		desk.merge(ws.id(), source[0], survivor[0], agent.id());
		List<CustomerText> texts = events.stream(CustomerTextsWritten.class).flatMap(e -> e.texts().stream()).toList();
		assertThat(texts).extracting(CustomerText::sourceId)
			.containsExactlyInAnyOrder(Long.toString(source[1]), Long.toString(source[2]));
		assertThat(texts).allSatisfy(x -> assertThat(x.link()).isEqualTo("/support/tickets/" + survivor[0]));
	}

	@Test
	void theFirstMessageCanGoIfAnotherCustomerMessageStays() {
		long[] t = ticketWithTwoMessages("first");
		Ticket created = desk.split(ws.id(), t[0], t[1], agent.id());
		assertThat(desk.messages(ws.id(), created.id())).extracting(TicketMessage::id).containsExactly(t[1]);
		assertThat(desk.messages(ws.id(), t[0])).extracting(TicketMessage::id).containsExactly(t[2]);
		// now neither ticket may lose its only customer message
		assertThatThrownBy(() -> desk.split(ws.id(), t[0], t[2], agent.id())).isInstanceOf(SplitRefused.class)
			.extracting(e -> ((SplitRefused) e).reason()).isEqualTo("only_message");
		assertThatThrownBy(() -> desk.split(ws.id(), created.id(), t[1], agent.id())).isInstanceOf(SplitRefused.class);
	}

	@Test
	void repliesNotesTheOnlyMessageAndChatsAreRefused() {
		long[] t = ticketWithTwoMessages("refuse");
		long reply = desk.reply(ws.id(), t[0], agent, "確認します。", "pending").id();
		long note = desk.addNote(ws.id(), t[0], agent, "社内メモ").id();
		for (long message : List.of(reply, note)) {
			assertThatThrownBy(() -> desk.split(ws.id(), t[0], message, agent.id())).isInstanceOf(SplitRefused.class)
				.hasMessageContaining("customer")
				.extracting(e -> ((SplitRefused) e).reason()).isEqualTo("not_customer");
		}
		Ticket single = desk.create(ws.id(), new TicketDraft("一件だけ", "本文", "one@split-co.example", null, null, null,
				null, List.of(), "api"), null);
		long only = desk.messages(ws.id(), single.id()).get(0).id();
		assertThatThrownBy(() -> desk.split(ws.id(), single.id(), only, agent.id())).isInstanceOf(SplitRefused.class)
			.extracting(e -> ((SplitRefused) e).reason()).isEqualTo("only_message");
		// a message of another ticket is not found through this one
		assertThatThrownBy(() -> desk.split(ws.id(), single.id(), t[2], agent.id())).isInstanceOf(NotFoundException.class);
		long chat = desk.create(ws.id(), new TicketDraft("チャット", "こんにちは", "customer@split-co.example", null, null, null,
				null, List.of(), "web"), null).id();
		desk.receive(ws.id(), null, mail(chat, "chat"));
		jdbc.sql("update support_ticket set channel = 'chat' where workspace_id = :ws and ticket_id = :id")
			.param("ws", ws.id().value()).param("id", chat).update();
		long line = desk.messages(ws.id(), chat).get(1).id();
		assertThatThrownBy(() -> desk.split(ws.id(), chat, line, agent.id())).isInstanceOf(SplitRefused.class)
			.extracting(e -> ((SplitRefused) e).reason()).isEqualTo("chat");
		assertThat(desk.messages(ws.id(), t[0])).hasSize(4);
		assertThat(desk.history(ws.id(), t[0])).noneMatch(h -> h.field().equals("split_into"));
	}

	@Test
	void anotherWorkspaceSplitsNothing() {
		long[] t = ticketWithTwoMessages("iso");
		// the other workspace has tickets with the same numbers of its own
		for (int i = 0; i < 3; i++) {
			desk.create(other.id(), new TicketDraft("Other " + i, "other body", "x@other.example", null, null, null, null,
					List.of(), "api"), null);
		}
		assertThatThrownBy(() -> desk.split(other.id(), t[0], t[2], null)).isInstanceOf(NotFoundException.class);
		TestHttp http = new TestHttp(port);
		HttpResponse<String> api = http.send("POST", "/api/v1/support/tickets/" + t[0] + "/messages/" + t[2] + "/split",
				"", other.apiToken());
		assertThat(api.statusCode()).isEqualTo(404);
		SupportSessions.Session session = SupportSessions.signIn(port, other.adminEmail(), other.password());
		assertThat(session.post("/support/tickets/" + t[0] + "/messages/" + t[2] + "/split", "").statusCode())
			.isEqualTo(404);
		assertThat(desk.messages(ws.id(), t[0])).extracting(TicketMessage::id).containsExactly(t[1], t[2]);
		assertThat(desk.history(ws.id(), t[0])).noneMatch(h -> h.field().equals("split_into"));
	}

	@Test
	void theRestEndpointSplitsAndExplainsARefusal() {
		long[] t = ticketWithTwoMessages("rest");
		TestHttp http = new TestHttp(port);
		HttpResponse<String> created = http.send("POST",
				"/api/v1/support/tickets/" + t[0] + "/messages/" + t[2] + "/split", "", ws.apiToken());
		assertThat(created.statusCode()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/api/v1/support/tickets/\\d+");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(created.body()).contains("\"subject\":\"請求書の件 rest（#" + t[0] + "から分割）\"");
		assertThat(desk.history(ws.id(), id)).filteredOn(h -> h.field().equals("split_from"))
			.singleElement().satisfies(h -> assertThat(h.actorUserId()).as("an API token acts as the workspace").isNull());
		assertThat(http.get("/api/v1/support/tickets/" + id + "/messages", ws.apiToken()).body())
			.contains("ログインもできません").doesNotContain("請求書が届きません");
		HttpResponse<String> refused = http.send("POST",
				"/api/v1/support/tickets/" + t[0] + "/messages/" + t[1] + "/split", "", ws.apiToken());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(refused.body()).contains("only customer message");
		assertThat(http.send("POST", "/api/v1/support/tickets/" + t[0] + "/messages/999999/split", "", ws.apiToken())
			.statusCode()).isEqualTo(404);
	}

	@Test
	void thePageSplitsAfterTheConfirmationAndShowsBothSides() {
		long[] t = ticketWithTwoMessages("page");
		SupportSessions.Session session = SupportSessions.signIn(port, agentEmail, TestWorkspace.PASSWORD);
		String page = session.get("/support/tickets/" + t[0] + "?lang=ja").body();
		assertThat(page).contains("id=\"split-" + t[1] + "\"", "id=\"split-" + t[2] + "\"", "新しいチケットに分割",
				"/support/tickets/" + t[0] + "/messages/" + t[2] + "/split");
		HttpResponse<String> split = session.post("/support/tickets/" + t[0] + "/messages/" + t[2] + "/split", "");
		assertThat(split.statusCode()).isEqualTo(302);
		String location = split.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(id).isNotEqualTo(t[0]);
		String created = session.get("/support/tickets/" + id + "?lang=ja").body();
		assertThat(created).contains("id=\"split-from\"", "href=\"/support/tickets/" + t[0] + "\"",
				"メッセージをこの新しいチケットに分割しました。", "ログインもできません")
			.doesNotContain("請求書が届きません");
		String original = session.get("/support/tickets/" + t[0] + "?lang=en").body();
		assertThat(original).contains("id=\"split-into\"", "href=\"/support/tickets/" + id + "\"", "Split into")
			.as("the only customer message left offers no split").doesNotContain("id=\"split-" + t[1] + "\"");
		// a refusal is explained in the agent's language
		HttpResponse<String> refused = session.post("/support/tickets/" + t[0] + "/messages/" + t[1] + "/split", "");
		assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/support/tickets/" + t[0]);
		assertThat(session.get("/support/tickets/" + t[0] + "?lang=ja").body())
			.contains("これはこのチケットで唯一の顧客メッセージのため、分割できません。");
		// a viewer sees no split control and may not split
		String viewerEmail = ws.user(people, "viewer" + t[0], Role.VIEWER);
		SupportSessions.Session viewer = SupportSessions.signIn(port, viewerEmail, TestWorkspace.PASSWORD);
		long[] v = ticketWithTwoMessages("viewer");
		assertThat(viewer.get("/support/tickets/" + v[0]).body()).doesNotContain("id=\"split-" + v[2] + "\"");
		assertThat(viewer.post("/support/tickets/" + v[0] + "/messages/" + v[2] + "/split", "").statusCode())
			.isEqualTo(403);
		assertThat(desk.messages(ws.id(), v[0])).hasSize(2);
	}
}
