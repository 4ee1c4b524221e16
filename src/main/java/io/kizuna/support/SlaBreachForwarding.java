package io.kizuna.support;

import java.util.ArrayList;
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
 * {@code support_sla_breached} (ADR 0136): a playbook starts for the account of a ticket whose SLA target was breached,
 * optionally only for one {@code target} (first_response, next_response, resolution) or one ticket {@code priority};
 * and subscribers of {@code support.sla_breached} get one delivery per breach, tickets without an account included.
 * Both are keyed by the breach itself (ticket, target, due time), so the registry delivering the same
 * {@link SlaBreached} again after a restart enrolls and delivers nothing twice, while a later breach of the same
 * ticket (the next response of another reply) is a new occurrence.
 */
@Component
class SlaBreachForwarding implements PlaybookTrigger {

	static final String TYPE = "support_sla_breached";

	static final String EVENT = "support.sla_breached";

	static final List<String> TARGETS = List.of("first_response", "next_response", "resolution");

	private final ForwardedTickets tickets;

	private final Webhooks webhooks;

	private final PlaybookManagement playbooks;

	// playbooks collects every trigger bean in its constructor; this one needs playbooks back only when it fires
	SlaBreachForwarding(ForwardedTickets tickets, Webhooks webhooks, @Lazy PlaybookManagement playbooks) {
		this.tickets = tickets;
		this.webhooks = webhooks;
		this.playbooks = playbooks;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public List<String> settings() {
		return List.of("target", "priority");
	}

	@Override
	public Map<String, String> choices(WorkspaceId workspace, String setting, Locale locale) {
		List<String> codes = switch (setting) {
			case "target" -> TARGETS;
			case "priority" -> Ticket.PRIORITIES;
			default -> List.of();
		};
		if (codes.isEmpty()) {
			return Map.of();
		}
		Map<String, String> choices = new LinkedHashMap<>();
		choices.put("", tickets.label("support.trigger.any", locale));
		String prefix = setting.equals("target") ? "support.sla.metric." : "support.priority.";
		codes.forEach(code -> choices.put(code, tickets.label(prefix + code, locale)));
		return choices;
	}

	@Override
	public void validate(WorkspaceId workspace, Map<String, String> settings) {
		List<String> errors = new ArrayList<>();
		String target = settings.get("target");
		if (!blank(target) && !TARGETS.contains(target)) {
			errors.add("target: first_response, next_response or resolution, or empty for any");
		}
		String priority = settings.get("priority");
		if (!blank(priority) && !Ticket.PRIORITIES.contains(priority)) {
			errors.add("priority: low, normal, high or urgent, or empty for any");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid trigger", errors);
		}
	}

	@Override
	public boolean matches(Map<String, String> settings, Map<String, String> attributes) {
		return (blank(settings.get("target")) || settings.get("target").equals(attributes.get("target")))
				&& (blank(settings.get("priority")) || settings.get("priority").equals(attributes.get("priority")));
	}

	@ApplicationModuleListener
	void on(SlaBreached breached) {
		WorkspaceId workspace = breached.workspaceId();
		Map<Long, Ticket> found = tickets.tickets(workspace,
				breached.tickets().stream().map(SlaAlert::ticketId).toList());
		Map<Long, String> externalIds = tickets.externalIds(workspace, found.values());
		List<TriggerHit> hits = new ArrayList<>();
		for (SlaAlert alert : breached.tickets()) {
			Ticket ticket = found.get(alert.ticketId());
			// a ticket without an account (or whose account is gone) enrolls nobody; its delivery still goes
			if (ticket != null && ticket.accountId() != null && externalIds.containsKey(ticket.accountId())) {
				hits.add(new TriggerHit(new AccountId(ticket.accountId()), "sla:" + occurrence(alert),
						Map.of("target", alert.metric(), "priority", String.valueOf(ticket.priority())),
						evidence(alert, ticket)));
			}
		}
		if (!hits.isEmpty()) {
			playbooks.fire(workspace, TYPE, hits);
		}
		if (!webhooks.subscribed(workspace, EVENT)) {
			return;
		}
		Map<Long, ForwardedTickets.Facts> facts = tickets.facts(workspace, found.values(), externalIds);
		for (SlaAlert alert : breached.tickets()) {
			ForwardedTickets.Facts f = facts.get(alert.ticketId());
			if (f == null) {
				continue;
			}
			Map<String, Object> data = tickets.data(f, f.ticket().assigneeUserId(), f.agentName());
			data.put("target", alert.metric());
			if (alert.policyKey() != null) {
				data.put("policy", alert.policyKey());
			}
			data.put("dueAt", alert.dueAt().toString());
			data.put("message", tickets.message(workspace, "support.webhook.slaBreached",
					String.valueOf(f.ticket().id()), f.ticket().subject(), tickets.message(workspace, "support.sla.metric." + alert.metric())));
			webhooks.publish(workspace, new WebhookEvent(EVENT, EVENT + ":" + occurrence(alert), f.accountExternalId(),
					f.accountName(), data));
		}
	}

	/** The breach itself: the ticket, its target and the due time it passed. */
	private static String occurrence(SlaAlert alert) {
		return alert.ticketId() + ":" + alert.metric() + ":" + alert.dueAt();
	}

	private static Map<String, Object> evidence(SlaAlert alert, Ticket ticket) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("trigger", TYPE);
		evidence.put("ticket_id", ticket.id());
		evidence.put("subject", ticket.subject());
		evidence.put("target", alert.metric());
		evidence.put("priority", String.valueOf(ticket.priority()));
		if (alert.policyKey() != null) {
			evidence.put("policy", alert.policyKey());
		}
		evidence.put("due_at", alert.dueAt().toString());
		return evidence;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
