package io.kizuna.messaging;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.SecretBox;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Email to customers, for every module: the workspace's SMTP settings, templates validated at save, and an outbox
 * that sends each message once per key, retries with backoff when SMTP fails, honours the suppression list and puts
 * an unsubscribe link in every message (ADR 0088).
 */
@Service
public class OutboundMail {

	private static final Logger log = LoggerFactory.getLogger(OutboundMail.class);

	static final int MAX_ATTEMPTS = 8;

	static final int BATCH = 200;

	private static final SecureRandom random = new SecureRandom();

	private final MailStore store;

	private final SecretBox secrets;

	private final AuditTrail audit;

	private final String publicUrl;

	private final Duration retryBase;

	OutboundMail(MailStore store, SecretBox secrets, AuditTrail audit,
			@Value("${kizuna.messaging.public-url:http://localhost:8080}") String publicUrl,
			@Value("${kizuna.messaging.retry-base:30s}") Duration retryBase) {
		this.store = store;
		this.secrets = secrets;
		this.audit = audit;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.retryBase = retryBase;
	}

	// --- SMTP settings

	public Optional<SmtpSettings> smtpSettings(WorkspaceId workspace) {
		return store.smtp(workspace).map(MailStore.StoredSmtp::shown);
	}

	/** Saves the SMTP settings; the password is sealed and never shown or logged again. */
	@Transactional
	public SmtpSettings saveSmtpSettings(WorkspaceId workspace, SmtpDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("SMTP settings are required");
		}
		List<String> errors = new ArrayList<>();
		String host = draft.host() == null ? "" : draft.host().strip();
		if (!host.matches("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]")) {
			errors.add("host: a host name or address");
		}
		int port = draft.port() == null ? 587 : draft.port();
		if (port < 1 || port > 65535) {
			errors.add("port: 1 to 65535");
		}
		String security = draft.security() == null ? "starttls" : draft.security();
		if (!List.of("none", "starttls", "ssl").contains(security)) {
			errors.add("security: none, starttls or ssl");
		}
		String username = draft.username() == null || draft.username().isBlank() ? null : draft.username().strip();
		if (username != null && (username.length() > 200 || !Addresses.headerText(username, 200).equals(username))) {
			errors.add("username: at most 200 characters, on one line");
		}
		if (draft.password() != null && draft.password().length() > 500) {
			errors.add("password: at most 500 characters");
		}
		String from = Addresses.normalize(draft.fromAddress());
		if (from == null) {
			errors.add("fromAddress: not an email address");
		}
		int rate = draft.ratePerMinute() == null ? 60 : draft.ratePerMinute();
		if (rate < 0 || rate > 100_000) {
			errors.add("ratePerMinute: 0 (no limit) to 100000");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid SMTP settings", errors);
		}
		String sealed = draft.password() == null || draft.password().isEmpty()
				? store.smtp(workspace).map(MailStore.StoredSmtp::passwordSealed).orElse(null)
				: secrets.seal(draft.password());
		if (username == null) {
			sealed = null;
		}
		MailStore.StoredSmtp stored = new MailStore.StoredSmtp(host, port, security, username, sealed, from, rate);
		store.saveSmtp(workspace, stored);
		audit.record(workspace, "messaging.smtp_changed", host,
				Map.of("port", port, "security", security, "fromAddress", from, "ratePerMinute", rate,
						"passwordChanged", draft.password() != null && !draft.password().isEmpty()));
		return stored.shown();
	}

	// --- templates

	public List<MailTemplate> templates(WorkspaceId workspace) {
		return store.templates(workspace);
	}

	public Optional<MailTemplate> template(WorkspaceId workspace, String key, String language) {
		return store.template(workspace, key, language);
	}

	public MailTemplate template(WorkspaceId workspace, long id) {
		return store.template(workspace, id).orElseThrow(() -> new NotFoundException("no template " + id));
	}

	/** The variables a template may name, as {@code group.name}, plus {@code unsubscribeUrl}. */
	public List<String> variables() {
		List<String> names = new ArrayList<>();
		TemplateEngine.VARIABLES.entrySet().stream().sorted(Map.Entry.comparingByKey())
			.forEach(e -> e.getValue().forEach(n -> names.add(e.getKey() + "." + n)));
		names.add("unsubscribeUrl");
		return names;
	}

	/** Saves (creates or replaces) a template; unknown variables and bad syntax are refused with their line. */
	@Transactional
	public MailTemplate saveTemplate(WorkspaceId workspace, TemplateDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("a template is required");
		}
		List<String> errors = new ArrayList<>();
		if (draft.key() == null || !draft.key().matches("[a-z0-9][a-z0-9-]{0,62}")) {
			errors.add("key: lower-case letters, digits and dashes, at most 63");
		}
		if (!"ja".equals(draft.language()) && !"en".equals(draft.language())) {
			errors.add("language: ja or en");
		}
		if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 100) {
			errors.add("name: required, at most 100 characters");
		}
		if (draft.subject() == null || draft.subject().isBlank() || draft.subject().length() > 300) {
			errors.add("subject: required, at most 300 characters");
		}
		else if (TemplateEngine.problem("subject", draft.subject()) != null) {
			errors.add(TemplateEngine.problem("subject", draft.subject()));
		}
		if (draft.body() == null || draft.body().isBlank() || draft.body().length() > 20_000) {
			errors.add("body: required, at most 20000 characters");
		}
		else if (TemplateEngine.problem("body", draft.body()) != null) {
			errors.add(TemplateEngine.problem("body", draft.body()));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid template", errors);
		}
		MailTemplate saved = store.saveTemplate(workspace,
				new TemplateDraft(draft.key(), draft.language(), draft.name().strip(),
						Addresses.headerText(draft.subject(), 300), draft.body()));
		audit.record(workspace, "messaging.template_saved", saved.key() + "/" + saved.language(), Map.of());
		return saved;
	}

	@Transactional
	public void deleteTemplate(WorkspaceId workspace, String key, String language) {
		if (!store.deleteTemplate(workspace, key, language)) {
			throw new NotFoundException("no template " + key + "/" + language);
		}
		audit.record(workspace, "messaging.template_deleted", key + "/" + language, Map.of());
	}

	// --- sending

	/**
	 * Puts a message in the outbox; with a key already used, returns the earlier message and sends nothing. A
	 * suppressed address is recorded as {@code suppressed} and never sent to. An invalid address is refused.
	 */
	@Transactional
	public OutboxMessage send(WorkspaceId workspace, MailRequest request) {
		if (request == null || request.messageKey() == null || request.messageKey().isBlank()
				|| request.messageKey().length() > 300) {
			throw new InvalidInputException("messageKey: required, at most 300 characters");
		}
		Optional<OutboxMessage> earlier = store.messageByKey(workspace, request.messageKey());
		if (earlier.isPresent()) {
			return earlier.get();
		}
		List<String> errors = new ArrayList<>();
		String to = Addresses.normalize(request.toAddress());
		if (to == null) {
			errors.add("to: not an email address: " + Addresses.headerText(request.toAddress(), 80));
		}
		if (request.subject() == null || request.subject().isBlank()) {
			errors.add("subject: required");
		}
		if (request.bodyText() == null || request.bodyText().length() > 100_000) {
			errors.add("body: required, at most 100000 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid message", errors);
		}
		String language = "en".equals(request.language()) ? "en" : "ja";
		String unsubscribe = unsubscribeUrl(workspace, to);
		String text = request.bodyText() + "\n\n-- \n" + footer(language, unsubscribe) + "\n";
		String html = "<!DOCTYPE html><html lang=\"" + language + "\"><head><meta charset=\"UTF-8\"></head><body>"
				+ "<div style=\"white-space:pre-wrap\">" + HtmlUtils.htmlEscape(request.bodyText(), "UTF-8")
				+ "</div><hr><p style=\"font-size:small\">"
				+ HtmlUtils.htmlEscape(footerLabel(language), "UTF-8") + " <a href=\""
				+ HtmlUtils.htmlEscape(unsubscribe, "UTF-8") + "\">" + HtmlUtils.htmlEscape(unsubscribe, "UTF-8")
				+ "</a></p></body></html>";
		MailRequest clean = new MailRequest(request.messageKey(), to, Addresses.headerText(request.toName(), 200),
				Addresses.headerText(request.fromName(), 200), Addresses.headerText(request.subject(), 300), text,
				language, request.accountExternalId());
		long id = store.enqueue(workspace, clean, html, store.suppressed(workspace, to) ? "suppressed" : "queued");
		return store.message(workspace, id).orElseThrow();
	}

	/**
	 * Renders a template for one recipient and puts the message in the outbox.
	 *
	 * @param values variables by group ({@code account}, {@code contact}, {@code owner}, {@code signal},
	 * {@code workspace}) then name
	 */
	@Transactional
	public OutboxMessage sendTemplate(WorkspaceId workspace, String messageKey, String templateKey, String language,
			String toAddress, String toName, String fromName, String accountExternalId,
			Map<String, Map<String, String>> values) {
		MailTemplate template = store.template(workspace, templateKey, language)
			.or(() -> store.template(workspace, templateKey, "ja".equals(language) ? "en" : "ja"))
			.orElseThrow(() -> new InvalidInputException("template: no template " + templateKey));
		String to = Addresses.normalize(toAddress);
		Map<String, Object> model = TemplateEngine.model(values,
				Map.of("unsubscribeUrl", to == null ? "" : unsubscribeUrl(workspace, to)));
		return send(workspace, new MailRequest(messageKey, toAddress, toName, fromName,
				TemplateEngine.render(template.subject(), model), TemplateEngine.render(template.body(), model),
				template.language(), accountExternalId));
	}

	public List<OutboxMessage> outbox(WorkspaceId workspace, String status, int limit) {
		return store.outbox(workspace, status == null ? "" : status, Math.max(1, Math.min(limit, 500)));
	}

	public OutboxMessage message(WorkspaceId workspace, long id) {
		return store.message(workspace, id).orElseThrow(() -> new NotFoundException("no message " + id));
	}

	public Optional<OutboxMessage> messageByKey(WorkspaceId workspace, String key) {
		return store.messageByKey(workspace, key);
	}

	/** The HTML part as it was sent. */
	public String html(WorkspaceId workspace, long id) {
		return store.html(workspace, id).orElseThrow(() -> new NotFoundException("no message " + id));
	}

	// --- suppression and unsubscribe

	public List<Suppression> suppressions(WorkspaceId workspace, int limit) {
		return store.suppressions(workspace, Math.max(1, Math.min(limit, 1000)));
	}

	public boolean suppressed(WorkspaceId workspace, String email) {
		String address = Addresses.normalize(email);
		return address != null && store.suppressed(workspace, address);
	}

	@Transactional
	public Suppression suppress(WorkspaceId workspace, String email) {
		String address = Addresses.normalize(email);
		if (address == null) {
			throw new InvalidInputException("invalid address", List.of("email: not an email address"));
		}
		store.suppress(workspace, address, "manual");
		audit.record(workspace, "messaging.suppressed", address, Map.of());
		return store.suppressions(workspace, 1000).stream().filter(s -> s.email().equals(address)).findFirst().orElseThrow();
	}

	@Transactional
	public void unsuppress(WorkspaceId workspace, String email) {
		String address = Addresses.normalize(email);
		if (address == null || !store.unsuppress(workspace, address)) {
			throw new NotFoundException("not suppressed");
		}
		audit.record(workspace, "messaging.unsuppressed", address, Map.of());
	}

	/** The recipient a public unsubscribe token stands for, with the workspace; empty for an unknown token. */
	public Optional<String> recipientOf(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
			return Optional.empty();
		}
		return store.recipient(token).map(r -> (String) r[1]);
	}

	/** Adds the token's recipient to its workspace's suppression list; false for an unknown token. */
	@Transactional
	public boolean unsubscribe(String token) {
		if (recipientOf(token).isEmpty()) {
			return false;
		}
		Object[] recipient = store.recipient(token).orElseThrow();
		store.suppress((WorkspaceId) recipient[0], (String) recipient[1], "unsubscribed");
		return true;
	}

	String unsubscribeUrl(WorkspaceId workspace, String address) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = store.token(workspace, address, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
		return publicUrl + "/unsubscribe/" + token;
	}

	private static String footerLabel(String language) {
		return "en".equals(language) ? "To stop receiving these emails:" : "今後このメールの配信を希望されない場合はこちら:";
	}

	private static String footer(String language, String url) {
		return footerLabel(language) + "\n" + url;
	}

	// --- the dispatcher

	/**
	 * Sends what is due in every workspace, within each one's rate; returns how many messages were sent. Run by one
	 * node at a time (db-scheduler), and safe if two run: a claimed message is leased to its claimer.
	 */
	public int dispatch() {
		int sent = 0;
		for (WorkspaceId workspace : store.workspacesDue()) {
			try {
				sent += dispatch(workspace);
			}
			catch (RuntimeException ex) {
				log.error("Sending the outbox of workspace {} failed; the next run retries", workspace, ex);
			}
		}
		return sent;
	}

	int dispatch(WorkspaceId workspace) {
		Optional<MailStore.StoredSmtp> smtp = store.smtp(workspace);
		int sent = 0;
		while (true) {
			int room = BATCH;
			if (smtp.isPresent() && smtp.get().ratePerMinute() > 0) {
				room = Math.min(BATCH, smtp.get().ratePerMinute() - store.sentInLastMinute(workspace));
			}
			if (room <= 0) {
				return sent;
			}
			List<MailStore.Claimed> claimed = store.claim(workspace, room);
			if (claimed.isEmpty()) {
				return sent;
			}
			List<SmtpTransport.Outgoing> batch = new ArrayList<>();
			for (MailStore.Claimed message : claimed) {
				if (message.suppressed()) {
					store.suppressed(workspace, message.id());
				}
				else if (smtp.isEmpty()) {
					later(message, "smtp_not_configured");
				}
				else {
					batch.add(new SmtpTransport.Outgoing(message, smtp.get().fromAddress(),
							message.token() == null ? unsubscribeUrl(workspace, message.toAddress())
									: publicUrl + "/unsubscribe/" + message.token()));
				}
			}
			if (batch.isEmpty()) {
				continue;
			}
			List<String> errors = new SmtpTransport(smtp.get(), secrets.open(smtp.get().passwordSealed())).send(batch);
			List<Long> done = new ArrayList<>();
			for (int i = 0; i < batch.size(); i++) {
				MailStore.Claimed message = batch.get(i).message();
				if (errors.get(i) == null) {
					done.add(message.id());
				}
				else if (errors.get(i).startsWith(SmtpTransport.BOUNCED)) {
					// refused for good: failed now, never retried, and the address is suppressed everywhere
					store.bounced(workspace, message.id(), message.toAddress(), errors.get(i));
				}
				else {
					later(message, errors.get(i));
				}
			}
			store.sent(workspace, done);
			sent += done.size();
			if (errors.stream().allMatch(e -> e != null && !e.startsWith(SmtpTransport.BOUNCED))) {
				return sent;
			}
		}
	}

	private void later(MailStore.Claimed message, String error) {
		if (message.attempts() >= MAX_ATTEMPTS) {
			store.failed(message.workspace(), message.id(), error);
			log.warn("Message {} of workspace {} failed for good after {} attempts: {}", message.id(),
					message.workspace(), message.attempts(), error);
			return;
		}
		long factor = 1L << Math.min(message.attempts() - 1, 20);
		Duration wait = retryBase.multipliedBy(factor);
		if (wait.compareTo(Duration.ofHours(1)) > 0) {
			wait = Duration.ofHours(1);
		}
		store.retryLater(message.workspace(), message.id(), error, Instant.now().plus(wait));
	}
}
