package io.kizuna.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.messaging.WebhookEvent;
import io.kizuna.messaging.Webhooks;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.PlaybookTrigger;
import io.kizuna.playbooks.TriggerHit;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Lazy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * {@code support_csat_bad} (ADR 0136): a playbook starts for the account of a ticket whose CSAT answer is bad — rated
 * 2 or lower on the 1-5 scale, "bad" (stored as 1) on the good/bad one — or, with {@code max_rating}, rated that or
 * lower; and subscribers of {@code support.csat_bad} get one delivery per bad answer. A ticket is asked once, so both
 * are keyed by the ticket: the registry delivering the same {@link CsatAnswered} again enrolls and delivers nothing
 * twice.
 */
@Component
class CsatForwarding implements PlaybookTrigger {

	static final String TYPE = "support_csat_bad";

	static final String EVENT = "support.csat_bad";

	/** The highest rating that is a bad answer: 1-2 of five ("bad" of good/bad is 1); 3 is neutral. */
	static final int BAD_MAX = 2;

	private final ForwardedTickets tickets;

	private final CsatSurveys csat;

	private final Webhooks webhooks;

	private final PlaybookManagement playbooks;

	// playbooks collects every trigger bean in its constructor; this one needs playbooks back only when it fires
	CsatForwarding(ForwardedTickets tickets, CsatSurveys csat, Webhooks webhooks, @Lazy PlaybookManagement playbooks) {
		this.tickets = tickets;
		this.csat = csat;
		this.webhooks = webhooks;
		this.playbooks = playbooks;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public List<String> settings() {
		return List.of("max_rating");
	}

	@Override
	public Map<String, String> choices(WorkspaceId workspace, String setting, Locale locale) {
		if (!setting.equals("max_rating")) {
			return Map.of();
		}
		Map<String, String> choices = new LinkedHashMap<>();
		choices.put("", tickets.label("support.trigger.csatBad", locale, BAD_MAX));
		for (int rating = 1; rating <= 5; rating++) {
			choices.put(Integer.toString(rating), tickets.label("support.trigger.ratingAtMost", locale, rating));
		}
		return choices;
	}

	@Override
	public void validate(WorkspaceId workspace, Map<String, String> settings) {
		String max = settings.get("max_rating");
		if (max != null && !max.isBlank() && !max.strip().matches("[1-5]")) {
			throw new InvalidInputException("invalid trigger",
					List.of("max_rating: a rating from 1 to 5, or empty for bad answers (" + BAD_MAX + " or lower)"));
		}
	}

	@Override
	public boolean matches(Map<String, String> settings, Map<String, String> attributes) {
		String max = settings.get("max_rating");
		int highest = max == null || max.isBlank() ? BAD_MAX : Integer.parseInt(max.strip());
		return Integer.parseInt(attributes.getOrDefault("rating", "5")) <= highest;
	}

	@ApplicationModuleListener
	void on(CsatAnswered answered) {
		WorkspaceId workspace = answered.workspaceId();
		Ticket ticket = tickets.tickets(workspace, List.of(answered.ticketId())).get(answered.ticketId());
		if (ticket == null) {
			return;
		}
		CsatSurveys.Answer answer = csat.answerOf(workspace, ticket.id())
			.orElse(new CsatSurveys.Answer("five", answered.rating(), null));
		// every answer is an occurrence: max_rating may ask for neutral ones too; the webhook takes bad ones only
		Map<Long, String> externalIds = tickets.externalIds(workspace, List.of(ticket));
		if (ticket.accountId() != null && externalIds.containsKey(ticket.accountId())) {
			playbooks.fire(workspace, TYPE, List.of(new TriggerHit(new AccountId(ticket.accountId()),
					"csat:" + ticket.id(), Map.of("rating", Integer.toString(answered.rating())),
					evidence(answered, answer, ticket))));
		}
		if (answered.good() || answered.rating() > BAD_MAX || !webhooks.subscribed(workspace, EVENT)) {
			return;
		}
		ForwardedTickets.Facts f = tickets.facts(workspace, List.of(ticket), externalIds).get(ticket.id());
		Map<String, Object> data = tickets.data(f, answered.agentUserId(),
				tickets.agentName(workspace, answered.agentUserId()));
		data.put("rating", answered.rating());
		data.put("scale", answer.scale());
		if (answer.comment() != null) {
			data.put("comment", answer.comment());
		}
		data.put("message", tickets.message(workspace, "support.webhook.csatBad", String.valueOf(ticket.id()),
				ticket.subject(),
				tickets.message(workspace, "support.csat.rating." + answer.scale() + "." + answered.rating())));
		webhooks.publish(workspace, new WebhookEvent(EVENT, EVENT + ":" + ticket.id(), f.accountExternalId(),
				f.accountName(), data));
	}

	private static Map<String, Object> evidence(CsatAnswered answered, CsatSurveys.Answer answer, Ticket ticket) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("trigger", TYPE);
		evidence.put("ticket_id", ticket.id());
		evidence.put("subject", ticket.subject());
		evidence.put("rating", answered.rating());
		evidence.put("scale", answer.scale());
		if (answer.comment() != null) {
			evidence.put("comment", answer.comment());
		}
		return evidence;
	}
}
