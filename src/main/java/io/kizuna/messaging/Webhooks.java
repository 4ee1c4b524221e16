package io.kizuna.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.OutboundTarget;
import io.kizuna.shared.OutboundUrlGuard;
import io.kizuna.shared.SecretBox;
import io.kizuna.shared.UnsafeUrlException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound webhooks and Slack for every module: subscriptions of URLs to event types (the catalogue that
 * {@link WebhookEventSource} beans extend), deliveries signed with HMAC-SHA256 over timestamp and body, retried with
 * exponential backoff, logged; every URL passes the outbound URL guard when saved and again when called (ADR 0089).
 */
@Service
public class Webhooks {

	private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

	static final int MAX_ATTEMPTS = 8;

	static final String TEST_EVENT = "test.ping";

	private static final SecureRandom random = new SecureRandom();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebhookStore store;

	private final SecretBox secrets;

	private final AuditTrail audit;

	private final WorkspaceManagement workspaces;

	private final MessageSource messages;

	private final List<WebhookEventSource> sources;

	private final OutboundUrlGuard guard;

	private final String publicUrl;

	private final Duration retryBase;

	Webhooks(WebhookStore store, SecretBox secrets, AuditTrail audit, WorkspaceManagement workspaces,
			MessageSource messages, List<WebhookEventSource> sources,
			@Value("${kizuna.messaging.public-url:http://localhost:8080}") String publicUrl,
			@Value("${kizuna.messaging.webhook-retry-base:30s}") Duration retryBase) {
		this.store = store;
		this.secrets = secrets;
		this.audit = audit;
		this.workspaces = workspaces;
		this.messages = messages;
		this.sources = sources;
		this.guard = new OutboundUrlGuard();
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.retryBase = retryBase;
	}

	/** Every event type subscribers may choose, from every module's {@link WebhookEventSource}. */
	public List<String> eventTypes() {
		TreeSet<String> types = new TreeSet<>();
		sources.forEach(source -> types.addAll(source.eventTypes()));
		return List.copyOf(types);
	}

	public List<Webhook> list(WorkspaceId workspace) {
		return store.list(workspace);
	}

	public Webhook get(WorkspaceId workspace, long id) {
		return store.target(workspace, id).map(WebhookStore.Target::webhook)
			.orElseThrow(() -> new NotFoundException("no webhook " + id));
	}

	/** Subscribes a URL; refused when the guard refuses it (private, loopback, metadata addresses not allowed). */
	@Transactional
	public CreatedWebhook subscribe(WorkspaceId workspace, WebhookDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("a webhook is required");
		}
		List<String> errors = new ArrayList<>();
		if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 100) {
			errors.add("name: required, at most 100 characters");
		}
		String kind = draft.kind() == null ? "webhook" : draft.kind();
		if (!kind.equals("webhook") && !kind.equals("slack")) {
			errors.add("kind: webhook or slack");
		}
		List<String> known = eventTypes();
		List<String> events = draft.events() == null ? List.of() : draft.events().stream().distinct().toList();
		if (events.isEmpty() || events.size() > 50) {
			errors.add("events: one to 50 of " + String.join(", ", known));
		}
		events.stream().filter(e -> !known.contains(e)).findFirst()
			.ifPresent(e -> errors.add("events: unknown event type " + Addresses.headerText(e, 60)));
		try {
			guard.check(draft.url(), workspaces.outboundAllowList(workspace));
		}
		catch (UnsafeUrlException ex) {
			errors.add("url: " + ex.getMessage());
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid webhook", errors);
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Webhook webhook = store.add(workspace,
				new WebhookDraft(draft.name().strip(), draft.url().strip(), kind, events), secrets.seal(secret));
		audit.record(workspace, "messaging.webhook_created", webhook.name(),
				Map.of("url", webhook.url(), "kind", kind, "events", events));
		return new CreatedWebhook(webhook, secret);
	}

	@Transactional
	public Webhook setActive(WorkspaceId workspace, long id, boolean active) {
		if (!store.setActive(workspace, id, active)) {
			throw new NotFoundException("no webhook " + id);
		}
		audit.record(workspace, active ? "messaging.webhook_resumed" : "messaging.webhook_paused", Long.toString(id),
				Map.of());
		return get(workspace, id);
	}

	@Transactional
	public void delete(WorkspaceId workspace, long id) {
		if (!store.delete(workspace, id)) {
			throw new NotFoundException("no webhook " + id);
		}
		audit.record(workspace, "messaging.webhook_deleted", Long.toString(id), Map.of());
	}

	public List<WebhookDelivery> deliveries(WorkspaceId workspace, Long webhookId, int limit) {
		if (webhookId != null) {
			get(workspace, webhookId);
		}
		return store.deliveries(workspace, webhookId, Math.max(1, Math.min(limit, 500)));
	}

	public WebhookDelivery delivery(WorkspaceId workspace, long id) {
		return store.delivery(workspace, id).orElseThrow(() -> new NotFoundException("no delivery " + id));
	}

	/** Whether any active subscription of the workspace takes this event type (spares building unused payloads). */
	public boolean subscribed(WorkspaceId workspace, String eventType) {
		return !store.subscribed(workspace, eventType).isEmpty();
	}

	/**
	 * Queues the event for every active subscription to its type; the event's key makes a replay a no-op. Returns
	 * the deliveries queued.
	 */
	@Transactional
	public List<Long> publish(WorkspaceId workspace, WebhookEvent event) {
		List<Long> ids = new ArrayList<>();
		List<Long> targets = store.subscribed(workspace, event.type());
		if (targets.isEmpty()) {
			return ids;
		}
		String payload = payload(event);
		for (long webhook : targets) {
			ids.add(store.enqueue(workspace, webhook, event.key(), event.type(), payload));
		}
		return ids;
	}

	/** Queues one delivery to one subscription, whatever its event types (playbook steps name their webhook). */
	@Transactional
	public long deliver(WorkspaceId workspace, long webhookId, WebhookEvent event) {
		get(workspace, webhookId);
		return store.enqueue(workspace, webhookId, event.key(), event.type(), payload(event));
	}

	/** Sends a test event at once and returns the delivery as it stands (delivered, or retrying with the reason). */
	public WebhookDelivery sendTest(WorkspaceId workspace, long webhookId) {
		byte[] bytes = new byte[9];
		random.nextBytes(bytes);
		long id = deliver(workspace, webhookId, new WebhookEvent(TEST_EVENT,
				"test-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), null, null,
				Map.of("message", "Kizuna test delivery")));
		store.claim(id, workspace, 1).forEach(this::attempt);
		return delivery(workspace, id);
	}

	/** Attempts every due delivery; returns how many were delivered. */
	public int dispatch() {
		int delivered = 0;
		while (true) {
			List<WebhookStore.Claimed> claimed = store.claim(null, null, 50);
			if (claimed.isEmpty()) {
				return delivered;
			}
			for (WebhookStore.Claimed delivery : claimed) {
				if (attempt(delivery)) {
					delivered++;
				}
			}
		}
	}

	private boolean attempt(WebhookStore.Claimed delivery) {
		WebhookStore.Target target = store.target(delivery.workspace(), delivery.webhookId()).orElse(null);
		if (target == null) {
			return false;
		}
		Integer status = null;
		String error;
		try {
			OutboundTarget checked = guard.check(target.webhook().url(),
					workspaces.outboundAllowList(delivery.workspace()));
			long timestamp = Instant.now().getEpochSecond();
			byte[] body;
			Map<String, String> headers = new LinkedHashMap<>();
			if (target.webhook().kind().equals("slack")) {
				body = slack(delivery).getBytes(StandardCharsets.UTF_8);
			}
			else {
				body = delivery.payload().getBytes(StandardCharsets.UTF_8);
				headers.put("Kizuna-Event", delivery.eventType());
				headers.put("Kizuna-Delivery", Addresses.headerText(delivery.deliveryKey(), 300));
				headers.put("Kizuna-Timestamp", Long.toString(timestamp));
				headers.put("Kizuna-Signature", SignedHttp.signature(secrets.open(target.secretSealed()), timestamp, body));
			}
			SignedHttp.Answer answer = SignedHttp.post(checked, body, headers, Duration.ofSeconds(10));
			status = answer.status();
			if (status >= 200 && status < 300) {
				store.delivered(delivery, status);
				return true;
			}
			error = "HTTP " + status + (answer.body().isBlank() ? "" : ": " + Addresses.headerText(answer.body(), 200));
		}
		catch (UnsafeUrlException ex) {
			store.failed(delivery, null, "refused: " + ex.getMessage());
			return false;
		}
		catch (IOException | RuntimeException ex) {
			error = SmtpTransport.describe(ex);
		}
		if (delivery.attempts() >= MAX_ATTEMPTS || TEST_EVENT.equals(delivery.eventType())) {
			store.failed(delivery, status, error);
			log.warn("Webhook delivery {} of workspace {} failed for good: {}", delivery.id(), delivery.workspace(), error);
		}
		else {
			Duration wait = retryBase.multipliedBy(1L << Math.min(delivery.attempts() - 1, 20));
			store.retryLater(delivery, status, error,
					Instant.now().plus(wait.compareTo(Duration.ofHours(6)) > 0 ? Duration.ofHours(6) : wait));
		}
		return false;
	}

	private String payload(WebhookEvent event) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", event.key());
		body.put("type", event.type());
		body.put("createdAt", Instant.now().toString());
		if (event.accountExternalId() != null) {
			Map<String, Object> account = new LinkedHashMap<>();
			account.put("externalId", event.accountExternalId());
			account.put("name", event.accountName());
			account.put("url", publicUrl + "/accounts/" + event.accountExternalId());
			body.put("account", account);
		}
		body.put("data", event.data());
		return json.writeValueAsString(body);
	}

	/** Slack's incoming-webhook format: one mrkdwn text in the workspace's language with a link to the account. */
	@SuppressWarnings("unchecked")
	String slack(WebhookStore.Claimed delivery) {
		Map<String, Object> payload = json.readValue(delivery.payload(), Map.class);
		Locale locale = workspaces.get(delivery.workspace()).locale();
		Map<String, Object> data = (Map<String, Object>) payload.getOrDefault("data", Map.of());
		Map<String, Object> account = (Map<String, Object>) payload.get("account");
		String type = delivery.eventType();
		String label = messages.getMessage("webhook.event." + type, null,
				messages.getMessage("webhook.event.other", new Object[] { type }, type, locale), locale);
		StringBuilder text = new StringBuilder("*").append(slackEscape(label)).append("*");
		if (account != null) {
			text.append(" — <").append(account.get("url")).append('|')
				.append(slackEscape(String.valueOf(account.get("name") == null ? account.get("externalId")
						: account.get("name"))))
				.append('>');
		}
		String detail = detail(type, data, locale);
		if (!detail.isEmpty()) {
			text.append('\n').append(slackEscape(detail));
		}
		return json.writeValueAsString(Map.of("text", text.toString()));
	}

	private String detail(String type, Map<String, Object> data, Locale locale) {
		return switch (type) {
			case "signal.raised" -> messages.getMessage("signal." + data.get("signal") + ".title", null,
					String.valueOf(data.get("signal")), locale);
			case "health.band_changed" -> band(data.get("from"), locale) + " → " + band(data.get("to"), locale);
			case "segment.entered", "segment.exited" -> String.valueOf(data.getOrDefault("segmentName",
					data.getOrDefault("segment", "")));
			default -> data.containsKey("message") ? String.valueOf(data.get("message")) : "";
		};
	}

	private String band(Object code, Locale locale) {
		return code == null ? "—" : messages.getMessage("band." + code, null, String.valueOf(code), locale);
	}

	static String slackEscape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
