package io.kizuna.usage.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.DailyUsage;
import io.kizuna.usage.StoredEvent;
import io.kizuna.usage.UsageEvents;
import io.kizuna.usage.UsageMetrics;
import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stored usage read back through REST: an account's events and its daily rollups. */
@RestController
@Tag(name = "Usage", description = "Stored events and daily rollups of an account, read back")
class UsageApiController {

	private final UsageEvents events;

	private final UsageMetrics metrics;

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final JsonMapper json;

	UsageApiController(UsageEvents events, UsageMetrics metrics, AccountManagement accounts,
			WorkspaceManagement workspaces, JsonMapper json) {
		this.events = events;
		this.metrics = metrics;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.json = json;
	}

	@GetMapping("/api/v1/accounts/{externalId}/events")
	@Operation(summary = "The account's events, newest first: from ≤ occurredAt < to (ISO instants or dates in the "
			+ "workspace time zone; default the last 30 days), optionally one event name; page, size ≤ 500")
	Map<String, Object> accountEvents(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String event, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size) {
		WorkspaceId workspace = client.workspaceId();
		long account = accounts.account(workspace, externalId).id();
		ZoneId zone = workspaces.get(workspace).timeZone();
		Instant end = to == null ? Instant.now().plusSeconds(1) : instant(to, zone, "to");
		Instant start = from == null ? end.minus(java.time.Duration.ofDays(30)) : instant(from, zone, "from");
		List<StoredEvent> found = events.accountEvents(workspace, account, start, end, blankToNull(event), page, size);
		boolean more = found.size() > size;
		List<Map<String, Object>> items = found.subList(0, Math.min(size, found.size())).stream().map(this::view).toList();
		return Map.of("items", items, "page", page, "size", size, "hasMore", more);
	}

	@GetMapping("/api/v1/accounts/{externalId}/usage/daily")
	@Operation(summary = "The account's daily rollups (events, active users) for from..to inclusive, days in the "
			+ "workspace time zone; default the last 30 days")
	List<DailyUsage> daily(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
		WorkspaceId workspace = client.workspaceId();
		long account = accounts.account(workspace, externalId).id();
		LocalDate last = to == null ? LocalDate.now(workspaces.get(workspace).timeZone()) : to;
		LocalDate first = from == null ? last.minusDays(29) : from;
		if (first.isAfter(last) || first.plusDays(3_660).isBefore(last)) {
			throw new InvalidInputException("from must not be after to, and at most ten years before it");
		}
		return metrics.daily(workspace, account, first, last);
	}

	private Map<String, Object> view(StoredEvent e) {
		Map<String, Object> view = new java.util.LinkedHashMap<>();
		view.put("messageId", e.messageId());
		view.put("type", e.type());
		view.put("event", e.name());
		view.put("userId", e.userId());
		view.put("anonymousId", e.anonymousId());
		view.put("occurredAt", e.occurredAt());
		view.put("receivedAt", e.receivedAt());
		view.put("properties", tree(e.properties()));
		view.put("context", tree(e.context()));
		return view;
	}

	private JsonNode tree(String text) {
		return text == null ? null : json.readTree(text);
	}

	private static Instant instant(String text, ZoneId zone, String name) {
		try {
			return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant() : Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(name + ": an ISO instant (2026-12-01T09:00:00Z) or date (2026-12-01)");
		}
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text;
	}
}
