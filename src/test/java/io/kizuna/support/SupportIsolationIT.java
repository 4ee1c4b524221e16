package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.web.SupportSessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A ticket, its mail, attachment, channel and macro in workspace A; workspace B, by API token and by signed-in
 * session, can neither read nor change any of them through any support endpoint or page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportIsolationIT {

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
	MailChannels channels;

	@Autowired
	SupportMacros macros;

	TestWorkspace a;

	TestWorkspace b;

	long ticket;

	long message;

	long attachment;

	long channel;

	long macro;

	@BeforeAll
	void setUp() {
		a = TestWorkspace.create(workspaces, people, keys, "supiso-a", "ja");
		b = TestWorkspace.create(workspaces, people, keys, "supiso-b", "en");
		desk.receive(a.id(), null, MailDecodingTests.raw("shift_jis.eml"));
		InboundMail in = desk.receive(a.id(), null, MailDecodingTests.raw("attachment-names.eml"));
		ticket = in.ticketId();
		message = in.messageId();
		attachment = desk.attachments(a.id(), ticket).get(0).id();
		channel = channels.connect(a.id(), new MailChannelDraft("a", "a@supiso.test", "imap.invalid", 993, "u", "p",
				true, "smtp.invalid", 587, null, null, true)).id();
		macro = macros.create(a.id(), "A only", "ja", "secret macro of A", null).id();
		// numbers are per workspace: B has a ticket #1 of its own, none with A's #2, message #2 or attachment #1
		desk.receive(b.id(), null, MailDecodingTests.raw("utf-8.eml"));
	}

	@Test
	void anotherWorkspacesTokenSeesAndChangesNothing() {
		TestHttp http = new TestHttp(port);
		String token = b.apiToken();
		for (String path : List.of("/api/v1/support/tickets/" + ticket, "/api/v1/support/channels/" + channel,
				"/api/v1/support/tickets/" + ticket + "/messages",
				"/api/v1/support/tickets/" + ticket + "/history")) {
			assertThat(http.get(path, token).statusCode()).as(path).isEqualTo(404);
		}
		HttpResponse<String> list = http.get("/api/v1/support/tickets?view=all", token);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).doesNotContain("添付").contains("エクスポート");
		assertThat(http.get("/api/v1/support/channels", token).body()).doesNotContain("a@supiso.test");
		assertThat(http.get("/api/v1/support/macros", token).body()).doesNotContain("secret macro");
		assertThat(http.send("DELETE", "/api/v1/support/macros/" + macro, "", token).statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/support/channels/" + channel + "/fetch", "{}", token).statusCode())
			.isEqualTo(404);
		assertThat(http.send("PATCH", "/api/v1/support/tickets/" + ticket, "{\"status\":\"solved\"}", token)
			.statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/support/tickets/" + ticket + "/merge", "{\"into\":1}",
				token).statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/support/tickets/" + ticket + "/messages/" + message + "/split", "",
				token).statusCode()).isEqualTo(404);
		assertThat(desk.ticket(a.id(), ticket).status()).isEqualTo("new");
		assertThat(desk.messages(a.id(), ticket)).hasSize(1);
		assertThat(macros.list(a.id())).hasSize(1);
	}

	@Test
	void anotherWorkspacesSessionSeesAndChangesNothing() {
		SupportSessions.Session session = SupportSessions.signIn(port, b.adminEmail(), b.password());
		long foreign = ticket;
		assertThat(session.get("/support/tickets/" + foreign).statusCode()).isEqualTo(404);
		assertThat(session.get("/support/tickets/" + ticket + "/messages/" + message + "/original").statusCode())
			.isEqualTo(404);
		assertThat(session.get("/support/attachments/" + attachment).statusCode()).isEqualTo(404);
		assertThat(session.get("/support?view=all").body()).doesNotContain("添付").doesNotContain("請求書について");
		assertThat(session.get("/support/channels").body()).doesNotContain("a@supiso.test");
		assertThat(session.get("/support/macros").body()).doesNotContain("secret macro");
		for (String action : List.of("/reply", "/note", "/update", "/merge")) {
			int status = session.post("/support/tickets/" + foreign + action, "body=x&status=solved&into=" + ticket)
				.statusCode();
			assertThat(status).as(action).isIn(302, 404);
		}
		for (String action : List.of("/messages/" + message + "/split", "/viewers", "/viewers/leave")) {
			assertThat(session.post("/support/tickets/" + foreign + action, "typing=true").statusCode()).as(action)
				.isEqualTo(404);
		}
		assertThat(desk.ticket(a.id(), ticket).status()).isEqualTo("new");
		assertThat(desk.messages(a.id(), ticket)).hasSize(1);
		assertThat(desk.history(a.id(), ticket)).noneMatch(h -> h.field().startsWith("split"));
		// the own-workspace reading works, so the 404s above are isolation, not a broken page
		SupportSessions.Session own = SupportSessions.signIn(port, a.adminEmail(), a.password());
		HttpResponse<String> page = own.get("/support/tickets/" + ticket);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("添付");
		assertThat(own.post("/support/tickets/" + ticket + "/viewers", "typing=false").statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
		HttpResponse<String> file = own.get("/support/attachments/" + attachment);
		assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
	}
}
