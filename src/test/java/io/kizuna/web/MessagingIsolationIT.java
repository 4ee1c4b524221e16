package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.messaging.CreatedWebhook;
import io.kizuna.messaging.MailRequest;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.messaging.OutboxMessage;
import io.kizuna.messaging.SmtpDraft;
import io.kizuna.messaging.TemplateDraft;
import io.kizuna.messaging.WebhookDraft;
import io.kizuna.messaging.WebhookEvent;
import io.kizuna.messaging.Webhooks;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Workspace B (with its API token and with a signed-in admin) can neither read nor change workspace A's SMTP
 * settings, templates, messages, suppressions, webhooks or deliveries, through any endpoint or page of messaging.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kizuna.messaging.retry-base=1s", "kizuna.messaging.webhook-retry-base=1s" })
class MessagingIsolationIT {

	@LocalServerPort
	int port;

	@Autowired
	OutboundMail mail;

	@Autowired
	Webhooks webhooks;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Test
	void anotherWorkspaceSeesAndChangesNothing() {
		TestWorkspace a = TestWorkspace.create(workspaces, people, accessKeys, "iso-a", "ja");
		TestWorkspace b = TestWorkspace.create(workspaces, people, accessKeys, "iso-b", "en");
		mail.saveSmtpSettings(a.id(), new SmtpDraft("smtp-a.example", 587, "starttls", "user-a", "secret-of-a",
				"cs@a.example", 10));
		mail.saveTemplate(a.id(), new TemplateDraft("secret-template", "ja", "A の秘密", "A-subject-xyz", "A-body-xyz"));
		OutboxMessage message = mail.send(a.id(), new MailRequest("a-1", "person@a.example", "A Person", "Owner A",
				"A-mail-subject-xyz", "A-mail-body-xyz", "ja", null));
		mail.suppress(a.id(), "hidden@a.example");
		workspaces.saveOutboundAllowList(a.id(), List.of("127.0.0.1"));
		CreatedWebhook hook = webhooks.subscribe(a.id(), new WebhookDraft("A-hook-xyz", "http://127.0.0.1:9/a",
				"webhook", List.of("signal.raised")));
		long hookId = hook.webhook().id();
		long delivery = webhooks.publish(a.id(), new WebhookEvent("signal.raised", "a-event", null, null,
				Map.of("secret", "A-payload-xyz"))).get(0);

		TestHttp http = new TestHttp(port);
		String token = b.apiToken();
		String[] secrets = { "smtp-a.example", "A の秘密", "A-subject-xyz", "A-mail-subject-xyz",
				"hidden@a.example", "A-hook-xyz", "A-payload-xyz", "person@a.example" };
		for (String path : List.of("/api/v1/messaging/smtp", "/api/v1/messaging/templates",
				"/api/v1/messaging/outbox", "/api/v1/messaging/suppressions", "/api/v1/messaging/webhooks",
				"/api/v1/messaging/templates/secret-template?language=ja", "/api/v1/messaging/outbox/" + message.id(),
				"/api/v1/messaging/webhooks/" + hookId, "/api/v1/messaging/webhooks/" + hookId + "/deliveries",
				"/api/v1/messaging/deliveries/" + delivery)) {
			HttpResponse<String> response = http.get(path, token);
			assertThat(response.statusCode()).as(path).isIn(200, 404);
			assertThat(response.body()).as(path).doesNotContain(secrets);
		}
		for (String path : List.of("/api/v1/messaging/templates/secret-template?language=ja", "/api/v1/messaging/outbox/"
				+ message.id(), "/api/v1/messaging/webhooks/" + hookId, "/api/v1/messaging/deliveries/" + delivery)) {
			assertThat(http.get(path, token).statusCode()).as(path).isEqualTo(404);
			assertThat(http.get(path, a.apiToken()).statusCode()).as("A itself: " + path).isEqualTo(200);
		}
		assertThat(http.send("DELETE", "/api/v1/messaging/templates/secret-template?language=ja", "", token).statusCode()).isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/messaging/suppressions?email=hidden@a.example", "", token).statusCode()).isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/messaging/webhooks/" + hookId, "", token).statusCode()).isEqualTo(404);
		assertThat(http.send("PUT", "/api/v1/messaging/webhooks/" + hookId + "/active", "{\"active\":false}", token)
			.statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/messaging/webhooks/" + hookId + "/test", "", token).statusCode()).isEqualTo(404);
		// B's own template of the same key is B's; A's stays as it was
		assertThat(http.send("PUT", "/api/v1/messaging/templates/secret-template?language=ja",
				"{\"name\":\"B\",\"subject\":\"B\",\"body\":\"B\"}", token).statusCode()).isEqualTo(200);
		assertThat(http.send("POST", "/api/v1/messaging/outbox", """
				{"messageKey":"a-1","to":"b@b.example","subject":"B","body":"B"}""", token).body())
			.doesNotContain("A-mail-subject-xyz");

		WebSession session = WebSession.signedIn(port, b.adminEmail(), b.password());
		for (String page : List.of("/messaging/outbox", "/messaging/templates?key=secret-template&language=ja",
				"/messaging/suppressions", "/messaging/webhooks", "/messaging/smtp")) {
			HttpResponse<String> response = session.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			assertThat(response.body()).as(page).doesNotContain("A-subject-xyz", "A-body-xyz", "A-mail-subject-xyz",
					"hidden@a.example", "A-hook-xyz", "A-payload-xyz", "smtp-a.example", "person@a.example");
		}
		assertThat(session.get("/messaging/webhooks?webhook=" + hookId).statusCode()).isEqualTo(404);
		for (String action : List.of("/messaging/webhooks/" + hookId + "/test", "/messaging/webhooks/" + hookId + "/active",
				"/messaging/webhooks/" + hookId + "/delete")) {
			assertThat(session.post(action, "active=false").statusCode()).as(action).isEqualTo(404);
		}
		assertThat(session.post("/messaging/templates/delete", "key=secret-template&language=en").statusCode()).isEqualTo(404);
		assertThat(session.post("/messaging/suppressions/remove", "email=hidden%40a.example").statusCode()).isEqualTo(404);

		// A's objects are untouched
		assertThat(mail.template(a.id(), "secret-template", "ja").orElseThrow().body()).isEqualTo("A-body-xyz");
		assertThat(mail.suppressed(a.id(), "hidden@a.example")).isTrue();
		assertThat(webhooks.get(a.id(), hookId).active()).isTrue();
		assertThat(mail.message(a.id(), message.id()).subject()).isEqualTo("A-mail-subject-xyz");
		assertThat(mail.smtpSettings(a.id()).orElseThrow().host()).isEqualTo("smtp-a.example");
	}
}
