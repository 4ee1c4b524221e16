package io.kizuna.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalsRaised;
import io.kizuna.playbooks.ActionContext;
import io.kizuna.playbooks.PlaybookAction;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a real HTTP receiver (the JDK's HttpServer): the receiver verifies each signature as
 * docs/webhooks.md tells receivers to, answers 500 twice and then 200 (the delivery is retried with backoff and
 * arrives once), Slack gets Slack's format in the workspace's language, the guard refuses internal URLs unless
 * allow-listed, and real health events reach subscribers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kizuna.messaging.retry-base=1s", "kizuna.messaging.webhook-retry-base=1s" })
class WebhooksIT {

	record Received(String path, Map<String, String> headers, String body) {
	}

	@LocalServerPort
	int port;

	@Autowired
	Webhooks webhooks;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	List<PlaybookAction> actions;

	HttpServer receiver;

	final List<Received> received = new CopyOnWriteArrayList<>();

	final AtomicInteger failuresLeft = new AtomicInteger();

	TestWorkspace workspace;

	String base;

	@BeforeEach
	void start() throws Exception {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new java.util.HashMap<>();
			exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
			received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
			int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
			byte[] answer = (status == 200 ? "ok" : "boom").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		receiver.start();
		base = "http://127.0.0.1:" + receiver.getAddress().getPort();
		workspace = TestWorkspace.create(workspaces, people, accessKeys, "hooks", "ja");
		accounts.saveAccount(workspace.id(), "acme", new AccountDraft("株式会社アクメ", "acme.example", null, "smb", null,
				null, null, Map.of()));
	}

	@AfterEach
	void stop() {
		receiver.stop(0);
	}

	@Test
	void internalAddressesAreRefusedUnlessAllowListed() {
		for (String url : new String[] { base + "/hook", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/",
				"http://[::1]/", "http://2130706433/", "ftp://example.com/" }) {
			assertThatThrownBy(() -> webhooks.subscribe(workspace.id(), new WebhookDraft("x", url, "webhook",
					List.of("signal.raised")))).as(url).isInstanceOf(InvalidInputException.class);
		}
		TestHttp http = new TestHttp(port);
		var refused = http.send("POST", "/api/v1/messaging/webhooks", """
				{"name":"x","url":"http://169.254.169.254/","kind":"webhook","events":["signal.raised"]}""",
				workspace.apiToken());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("169.254.169.254");
		assertThatThrownBy(() -> webhooks.subscribe(workspace.id(), new WebhookDraft("x", "https://example.com/",
				"webhook", List.of("no.such.event")))).isInstanceOf(InvalidInputException.class);
		workspaces.saveOutboundAllowList(workspace.id(), List.of("127.0.0.1"));
		assertThat(webhooks.subscribe(workspace.id(), new WebhookDraft("local", base + "/hook", "webhook",
				List.of("signal.raised"))).secret()).startsWith("whsec_");
	}

	@Test
	void deliveriesAreSignedRetriedOn500AndArriveOnceWhenReplayed() throws Exception {
		workspaces.saveOutboundAllowList(workspace.id(), List.of("127.0.0.1"));
		CreatedWebhook created = webhooks.subscribe(workspace.id(), new WebhookDraft("CRM", base + "/hook", "webhook",
				List.of("signal.raised", "health.band_changed")));
		failuresLeft.set(2);
		WebhookEvent event = new WebhookEvent("signal.raised", "signal.raised:2026-12-01:1:paying_idle", "acme",
				"株式会社アクメ", Map.of("signal", "paying_idle"));
		List<Long> ids = webhooks.publish(workspace.id(), event);
		assertThat(webhooks.publish(workspace.id(), event)).as("a replay queues nothing new").isEqualTo(ids);
		long id = ids.get(0);

		webhooks.dispatch();
		WebhookDelivery first = webhooks.delivery(workspace.id(), id);
		assertThat(first.status()).isEqualTo("retrying");
		assertThat(first.responseStatus()).isEqualTo(500);
		assertThat(first.lastError()).contains("HTTP 500");
		long deadline = System.currentTimeMillis() + 30_000;
		while (!webhooks.delivery(workspace.id(), id).status().equals("delivered") && System.currentTimeMillis() < deadline) {
			webhooks.dispatch();
			Thread.sleep(200);
		}
		WebhookDelivery delivered = webhooks.delivery(workspace.id(), id);
		assertThat(delivered.status()).isEqualTo("delivered");
		assertThat(delivered.attempts()).isEqualTo(3);
		assertThat(delivered.responseStatus()).isEqualTo(200);
		assertThat(received).hasSize(3);
		for (Received call : received) {
			assertThat(verify(created.secret(), call)).as("signature verifies").isTrue();
			assertThat(verify("whsec_wrong", call)).isFalse();
			assertThat(call.headers().get("kizuna-event")).isEqualTo("signal.raised");
			assertThat(call.headers().get("kizuna-delivery")).isEqualTo(event.key());
		}
		Map<?, ?> body = JsonMapper.builder().build().readValue(received.get(2).body(), Map.class);
		assertThat(body.get("type")).isEqualTo("signal.raised");
		assertThat(((Map<?, ?>) body.get("account")).get("name")).isEqualTo("株式会社アクメ");
		assertThat(((Map<?, ?>) body.get("data")).get("signal")).isEqualTo("paying_idle");
		webhooks.dispatch();
		assertThat(received).as("never sent again once delivered").hasSize(3);
	}

	@Test
	void slackGetsItsFormatInTheWorkspaceLanguageWithALinkToTheAccount() throws Exception {
		workspaces.saveOutboundAllowList(workspace.id(), List.of("127.0.0.1"));
		Webhook slack = webhooks.subscribe(workspace.id(), new WebhookDraft("Slack #cs", base + "/services/T/B/x",
				"slack", List.of("signal.raised"))).webhook();
		webhooks.publish(workspace.id(), new WebhookEvent("signal.raised", "k-1", "acme", "株式会社<アクメ>",
				Map.of("signal", "paying_idle")));
		webhooks.dispatch();
		assertThat(received).hasSize(1);
		Map<?, ?> message = JsonMapper.builder().build().readValue(received.get(0).body(), Map.class);
		assertThat(message.keySet().stream().map(String::valueOf).toList()).containsExactly("text");
		assertThat((String) message.get("text")).isEqualTo(
				"*シグナル発生* — <http://localhost:8080/accounts/acme|株式会社&lt;アクメ&gt;>\n契約中だが未利用");
		assertThat(received.get(0).headers()).doesNotContainKey("kizuna-signature");

		// the post_slack step goes to the same target, once per step key
		PlaybookAction post = actions.stream().filter(a -> a.type().equals("post_slack")).findFirst().orElseThrow();
		ActionContext step = new ActionContext(workspace.id(), "pb-9/acme/1/s1", 9, "acme",
				Map.of("webhook", Long.toString(slack.id()), "text", "{{account.name}} を確認してください"), Map.of());
		post.run(step);
		post.run(step);
		webhooks.dispatch();
		assertThat(received).hasSize(2);
		assertThat(received.get(1).body()).contains("プレイブックのステップ", "株式会社アクメ を確認してください");
	}

	@Test
	void theTestButtonAndRealHealthEventsReachTheReceiver() throws Exception {
		workspaces.saveOutboundAllowList(workspace.id(), List.of("127.0.0.1"));
		CreatedWebhook created = webhooks.subscribe(workspace.id(), new WebhookDraft("CRM", base + "/hook", "webhook",
				List.of("signal.raised")));
		TestHttp http = new TestHttp(port);
		var test = http.send("POST", "/api/v1/messaging/webhooks/" + created.webhook().id() + "/test", "",
				workspace.apiToken());
		assertThat(test.statusCode()).isEqualTo(200);
		assertThat(test.body()).contains("\"status\":\"delivered\"");
		assertThat(received).hasSize(1);
		assertThat(verify(created.secret(), received.get(0))).isTrue();

		long accountId = accounts.account(workspace.id(), "acme").id();
		transactions.executeWithoutResult(tx -> events.publishEvent(new SignalsRaised(workspace.id(),
				LocalDate.of(2026, 12, 1), List.of(new SignalsRaised.Raised(new AccountId(accountId),
						SignalKind.fromCode("paying_idle"), "high")))));
		long deadline = System.currentTimeMillis() + 40_000;
		while (received.size() < 2 && System.currentTimeMillis() < deadline) {
			Thread.sleep(250);
		}
		assertThat(received).as("delivered by the job after the event").hasSize(2);
		assertThat(received.get(1).body()).contains("\"type\":\"signal.raised\"", "\"externalId\":\"acme\"");
	}

	/** What docs/webhooks.md tells a receiver to do: HMAC-SHA256 over "timestamp.body", constant-time compare. */
	static boolean verify(String secret, Received call) throws Exception {
		String timestamp = call.headers().get("kizuna-timestamp");
		String signature = call.headers().get("kizuna-signature");
		if (timestamp == null || signature == null
				|| Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
			return false;
		}
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + call.body())
			.getBytes(StandardCharsets.UTF_8)));
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
	}
}
