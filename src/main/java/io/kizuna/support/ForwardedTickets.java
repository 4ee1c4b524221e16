package io.kizuna.support;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the support triggers and webhooks ({@link SlaBreachForwarding}, {@link CsatForwarding}) tell about the tickets
 * of one event: the tickets, their accounts' external ids and names and their agents' names, each read once per
 * event, and the payload fields every support delivery shares.
 */
@Component
class ForwardedTickets {

	private final Tickets tickets;

	private final AccountManagement accounts;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	private final MessageSource messages;

	private final String publicUrl;

	ForwardedTickets(Tickets tickets, AccountManagement accounts, UserManagement people, WorkspaceManagement workspaces,
			MessageSource messages, @Value("${kizuna.messaging.public-url:http://localhost:8080}") String publicUrl) {
		this.tickets = tickets;
		this.accounts = accounts;
		this.people = people;
		this.workspaces = workspaces;
		this.messages = messages;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/** One ticket as an event names it: its account (external id and name, null without one) and its agent's name. */
	record Facts(Ticket ticket, String accountExternalId, String accountName, String agentName) {
	}

	/** The tickets of one event by id, those deleted since left out. */
	Map<Long, Ticket> tickets(WorkspaceId ws, Collection<Long> ids) {
		Map<Long, Ticket> found = new HashMap<>();
		tickets.findAll(ws, ids).forEach(t -> found.put(t.id(), t));
		return found;
	}

	/** The account external ids of these ticket accounts (an account removed since has none). */
	Map<Long, String> externalIds(WorkspaceId ws, Collection<Ticket> found) {
		List<Long> ids = found.stream().map(Ticket::accountId).filter(Objects::nonNull).distinct().toList();
		return ids.isEmpty() ? Map.of() : accounts.externalIds(ws, ids);
	}

	/** The facts of each ticket for its delivery: account names read once per account, agent names once per event. */
	Map<Long, Facts> facts(WorkspaceId ws, Collection<Ticket> found, Map<Long, String> externalIds) {
		Map<Long, String> agents = new HashMap<>();
		if (found.stream().anyMatch(t -> t.assigneeUserId() != null)) {
			people.users(ws).forEach(u -> agents.put(u.id(), displayName(u)));
		}
		Map<String, String> names = new HashMap<>();
		Map<Long, Facts> facts = new LinkedHashMap<>();
		for (Ticket t : found) {
			String external = t.accountId() == null ? null : externalIds.get(t.accountId());
			String name = external == null ? null
					: names.computeIfAbsent(external, e -> accounts.findAccount(ws, e).map(Account::name).orElse(e));
			facts.put(t.id(), new Facts(t, external, name,
					t.assigneeUserId() == null ? null : agents.get(t.assigneeUserId())));
		}
		return facts;
	}

	/** The fields every support delivery carries about its ticket (a field without a value is left out). */
	Map<String, Object> data(Facts facts, Long agentUserId, String agentName) {
		Ticket t = facts.ticket();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("ticketId", t.id());
		data.put("subject", t.subject());
		data.put("priority", t.priority());
		data.put("status", t.status());
		data.put("ticketUrl", publicUrl + "/support/tickets/" + t.id());
		if (agentUserId != null) {
			data.put("agentUserId", agentUserId);
		}
		if (agentName != null) {
			data.put("agentName", agentName);
		}
		return data;
	}

	String agentName(WorkspaceId ws, Long userId) {
		if (userId == null) {
			return null;
		}
		return people.users(ws).stream().filter(u -> u.id() == userId).map(ForwardedTickets::displayName).findFirst()
			.orElse(null);
	}

	/** A message in the workspace's language (what Slack shows under the event's label). */
	String message(WorkspaceId ws, String key, Object... args) {
		Locale locale = workspaces.get(ws).locale().getLanguage().equals("en") ? Locale.ENGLISH : Locale.JAPANESE;
		return messages.getMessage(key, args, locale);
	}

	/** A message in the reader's language, for the builder's choices. */
	String label(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private static String displayName(User u) {
		return u.displayName() == null ? u.email() : u.displayName();
	}
}
