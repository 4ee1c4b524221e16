package io.kizuna.messaging.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kizuna.messaging.CreatedWebhook;
import io.kizuna.messaging.MailRequest;
import io.kizuna.messaging.MailTemplate;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.messaging.OutboxMessage;
import io.kizuna.messaging.SmtpDraft;
import io.kizuna.messaging.SmtpSettings;
import io.kizuna.messaging.Suppression;
import io.kizuna.messaging.TemplateDraft;
import io.kizuna.messaging.Webhook;
import io.kizuna.messaging.WebhookDelivery;
import io.kizuna.messaging.WebhookDraft;
import io.kizuna.messaging.Webhooks;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Email and webhooks over REST: SMTP settings, templates, the outbox, suppressions, subscriptions and deliveries. */
@RestController
@RequestMapping("/api/v1/messaging")
@Tag(name = "Messaging", description = "Outbound email (SMTP settings, templates, outbox, suppression list) and "
		+ "webhook/Slack subscriptions with their signed, retried deliveries")
class MessagingController {

	private final OutboundMail mail;

	private final Webhooks webhooks;

	private final ErrorMessages errors;

	MessagingController(OutboundMail mail, Webhooks webhooks, ErrorMessages errors) {
		this.mail = mail;
		this.webhooks = webhooks;
		this.errors = errors;
	}

	/** Violations in the caller's language (Accept-Language), each also as sent by the facade. */
	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		List<String> described = errors.describe(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join(" ", described));
		problem.setTitle("Invalid input");
		problem.setProperty("errors", described);
		problem.setProperty("violations", ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors());
		return problem;
	}

	record MailBody(String messageKey, String to, String toName, String fromName, String subject, String body,
			String language, String account) {
	}

	record SuppressionBody(String email) {
	}

	@GetMapping("/smtp")
	@Operation(summary = "The workspace's SMTP settings (the password only as whether one is stored)")
	SmtpSettings smtp(@AuthenticationPrincipal ApiClient client) {
		return mail.smtpSettings(client.workspaceId()).orElseThrow(() -> new NotFoundException("SMTP is not set up"));
	}

	@PutMapping("/smtp")
	@Operation(summary = "Save the SMTP settings; an empty password keeps the stored one")
	SmtpSettings saveSmtp(@AuthenticationPrincipal ApiClient client, @RequestBody SmtpDraft body) {
		return mail.saveSmtpSettings(client.workspaceId(), body);
	}

	@GetMapping("/templates")
	@Operation(summary = "Every email template, each key in ja and/or en")
	List<MailTemplate> templates(@AuthenticationPrincipal ApiClient client) {
		return mail.templates(client.workspaceId());
	}

	@GetMapping("/templates/variables")
	@Operation(summary = "The variables a template may use")
	List<String> variables() {
		return mail.variables();
	}

	@GetMapping("/templates/{key}")
	@Operation(summary = "One template by key and language (?language=ja|en, default ja)")
	MailTemplate template(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestParam(defaultValue = "ja") String language) {
		return mail.template(client.workspaceId(), key, language)
			.orElseThrow(() -> new NotFoundException("no template " + key + "/" + language));
	}

	@PutMapping("/templates/{key}")
	@Operation(summary = "Create or replace a template; unknown variables or bad syntax are refused with the line")
	MailTemplate saveTemplate(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestParam(defaultValue = "ja") String language, @RequestBody TemplateDraft body) {
		if (body == null) {
			throw new InvalidInputException("a body with name, subject and body is required");
		}
		return mail.saveTemplate(client.workspaceId(),
				new TemplateDraft(key, language, body.name(), body.subject(), body.body()));
	}

	@DeleteMapping("/templates/{key}")
	@Operation(summary = "Delete a template")
	ResponseEntity<Void> deleteTemplate(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestParam(defaultValue = "ja") String language) {
		mail.deleteTemplate(client.workspaceId(), key, language);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/outbox")
	@Operation(summary = "The latest messages, newest first, optionally of one status")
	List<OutboxMessage> outbox(@AuthenticationPrincipal ApiClient client,
			@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "100") int limit) {
		return mail.outbox(client.workspaceId(), status, limit);
	}

	@PostMapping("/outbox")
	@Operation(summary = "Queue a message; a messageKey already used returns the earlier message and sends nothing")
	ResponseEntity<OutboxMessage> send(@AuthenticationPrincipal ApiClient client, @RequestBody MailBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with messageKey, to, subject and body is required");
		}
		OutboxMessage message = mail.send(client.workspaceId(), new MailRequest(body.messageKey(), body.to(),
				body.toName(), body.fromName() == null ? "" : body.fromName(), body.subject(), body.body(),
				body.language(), body.account()));
		return ResponseEntity.created(URI.create("/api/v1/messaging/outbox/" + message.id())).body(message);
	}

	@GetMapping("/outbox/{id}")
	@Operation(summary = "One message with its status, attempts, last error and rendered text")
	OutboxMessage message(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return mail.message(client.workspaceId(), id);
	}

	@GetMapping("/suppressions")
	@Operation(summary = "The addresses no mail goes to (unsubscribed, added by hand or bounced)")
	List<Suppression> suppressions(@AuthenticationPrincipal ApiClient client) {
		return mail.suppressions(client.workspaceId(), 1000);
	}

	@PostMapping("/suppressions")
	@Operation(summary = "Add an address to the suppression list")
	Suppression suppress(@AuthenticationPrincipal ApiClient client, @RequestBody SuppressionBody body) {
		return mail.suppress(client.workspaceId(), body == null ? null : body.email());
	}

	@DeleteMapping("/suppressions")
	@Operation(summary = "Remove an address from the suppression list")
	ResponseEntity<Void> unsuppress(@AuthenticationPrincipal ApiClient client, @RequestParam String email) {
		mail.unsuppress(client.workspaceId(), email);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/webhooks/events")
	@Operation(summary = "The event types a subscription can take")
	List<String> eventTypes() {
		return webhooks.eventTypes();
	}

	@GetMapping("/webhooks")
	@Operation(summary = "Every webhook and Slack subscription")
	List<Webhook> webhooks(@AuthenticationPrincipal ApiClient client) {
		return webhooks.list(client.workspaceId());
	}

	@PostMapping("/webhooks")
	@Operation(summary = "Subscribe a URL to events; the answer carries the signing secret, shown this once")
	ResponseEntity<CreatedWebhook> subscribe(@AuthenticationPrincipal ApiClient client, @RequestBody WebhookDraft body) {
		CreatedWebhook created = webhooks.subscribe(client.workspaceId(), body);
		return ResponseEntity.created(URI.create("/api/v1/messaging/webhooks/" + created.webhook().id())).body(created);
	}

	@GetMapping("/webhooks/{id}")
	@Operation(summary = "One subscription")
	Webhook webhook(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return webhooks.get(client.workspaceId(), id);
	}

	@PutMapping("/webhooks/{id}/active")
	@Operation(summary = "Pause (false) or resume (true) a subscription")
	Webhook setActive(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestBody Map<String, Boolean> body) {
		return webhooks.setActive(client.workspaceId(), id, body != null && Boolean.TRUE.equals(body.get("active")));
	}

	@DeleteMapping("/webhooks/{id}")
	@Operation(summary = "Delete a subscription and its delivery log")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		webhooks.delete(client.workspaceId(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/webhooks/{id}/test")
	@Operation(summary = "Send a test event now and answer with the delivery (delivered, or failed with the reason)")
	WebhookDelivery test(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return webhooks.sendTest(client.workspaceId(), id);
	}

	@GetMapping("/webhooks/{id}/deliveries")
	@Operation(summary = "A subscription's latest deliveries, newest first")
	List<WebhookDelivery> deliveries(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestParam(defaultValue = "100") int limit) {
		return webhooks.deliveries(client.workspaceId(), id, limit);
	}

	@GetMapping("/deliveries/{id}")
	@Operation(summary = "One delivery with its payload, attempts, HTTP status and last error")
	WebhookDelivery delivery(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return webhooks.delivery(client.workspaceId(), id);
	}
}
