package io.kizuna.usage.web;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.EventQuery;
import io.kizuna.usage.StoredEvent;
import io.kizuna.usage.UsageEvents;
import io.kizuna.workspace.KeySummary;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Live events (Segment's Debugger, RudderStack's Live Events): the workspace's latest events, newest first, how
 * each was resolved, and the calls refused with their reason. Everything shown is sent by clients, so it is
 * attacker-controlled: the template prints it as text only (th:text), never as markup or a link.
 */
@Controller
class LiveEventsController {

	static final int SHOWN = 100;

	static final int PROPERTIES_CHARS = 300;

	static final List<String> TYPES = List.of("identify", "track", "page", "screen", "group", "alias");

	private final UsageEvents events;

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final io.kizuna.workspace.AccessKeys accessKeys;

	LiveEventsController(UsageEvents events, AccountManagement accounts, WorkspaceManagement workspaces,
			io.kizuna.workspace.AccessKeys accessKeys) {
		this.events = events;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.accessKeys = accessKeys;
	}

	@GetMapping("/usage/live")
	String live(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) Long key,
			@RequestParam(required = false) String type, @RequestParam(required = false) String event,
			@RequestParam(required = false) String user, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		EventQuery query = new EventQuery(key, type != null && TYPES.contains(type) ? type : null, bounded(event), bounded(user));
		List<StoredEvent> latest = events.latest(workspace, query, SHOWN);
		Set<Long> accountIds = latest.stream().map(StoredEvent::accountId).filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet());
		Map<Long, String> externalIds = accounts.externalIds(workspace, accountIds);
		Set<String> waiting = latest.stream().anyMatch(e -> e.accountId() == null) ? events.waitingForAttribution(workspace)
				: Set.of();
		Set<String> users = new HashSet<>();
		latest.forEach(e -> {
			if (e.accountId() == null && e.userId() != null) {
				users.add(e.userId());
			}
		});
		Set<String> known = users.isEmpty() ? Set.of() : knownContacts(workspace, users);
		List<KeySummary> keys = accessKeys.writeKeys(workspace);
		Map<Long, String> keyNames = keys.stream().collect(Collectors.toMap(KeySummary::id, KeySummary::name));
		Map<String, List<io.kizuna.usage.IgnoredTrait>> ignored = events
			.ignoredTraits(workspace, latest.stream().filter(e -> "group".equals(e.type())).map(StoredEvent::messageId).toList())
			.stream()
			.collect(Collectors.groupingBy(io.kizuna.usage.IgnoredTrait::messageId));
		model.addAttribute("rows", latest.stream()
			.map(e -> new Row(e, keyNames.get(e.writeKeyId()), externalIds.get(e.accountId()),
					resolution(e, waiting, known), excerpt(e.properties()),
					ignored.getOrDefault(e.messageId(), List.of())))
			.toList());
		model.addAttribute("rejections", events.rejections(workspace, key, 50)
			.stream()
			.map(r -> new Rejected(r, keyNames.get(r.writeKeyId())))
			.toList());
		model.addAttribute("keys", keys);
		model.addAttribute("types", TYPES);
		model.addAttribute("query", query);
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		return "usage/live";
	}

	/** The message key saying how an event got its account, or why it has none. */
	private static String resolution(StoredEvent e, Set<String> waiting, Set<String> known) {
		if (e.accountId() != null) {
			return "live.resolved.account";
		}
		String actor = e.userId() != null ? e.userId() : e.anonymousId();
		if (waiting.contains(actor)) {
			return "live.resolved.waiting";
		}
		if (e.userId() == null) {
			return "live.resolved.anonymous";
		}
		return known.contains(e.userId()) ? "live.resolved.unlinked" : "live.resolved.unknownUser";
	}

	private Set<String> knownContacts(WorkspaceId workspace, Set<String> users) {
		Set<String> known = new HashSet<>();
		for (String user : users) {
			if (accounts.findContact(workspace, user).isPresent()) {
				known.add(user);
			}
		}
		return known;
	}

	private static String excerpt(String json) {
		if (json == null) {
			return "";
		}
		return json.length() > PROPERTIES_CHARS ? json.substring(0, PROPERTIES_CHARS) + "…" : json;
	}

	private static String bounded(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return text.length() > 200 ? text.substring(0, 200) : text.strip();
	}

	/** @param ignored the group call's traits left off the account (ADR 0028) */
	record Row(StoredEvent event, String keyName, String account, String resolution, String properties,
			List<io.kizuna.usage.IgnoredTrait> ignored) {
	}

	record Rejected(io.kizuna.usage.RejectedCall call, String keyName) {
	}
}
