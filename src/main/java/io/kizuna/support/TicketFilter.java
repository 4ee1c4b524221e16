package io.kizuna.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import io.kizuna.shared.InvalidInputException;

/**
 * What a saved or ad-hoc ticket view asks for: any of the statuses, priorities and channels listed (none listed:
 * any), a tag, and an assignee ({@code me}, {@code none} for unassigned, or a user's id; null: anyone).
 */
public record TicketFilter(List<String> statuses, List<String> priorities, List<String> channels, String tag,
		String assignee) {

	public static final List<String> CHANNELS = List.of("email", "web", "chat", "phone", "api", "import");

	public static final int MAX_TAG = 50;

	public TicketFilter {
		statuses = statuses == null ? List.of() : List.copyOf(statuses);
		priorities = priorities == null ? List.of() : List.copyOf(priorities);
		channels = channels == null ? List.of() : List.copyOf(channels);
		tag = tag == null || tag.isBlank() ? null : tag.strip();
		assignee = assignee == null || assignee.isBlank() || "any".equals(assignee) ? null : assignee.strip();
	}

	public static TicketFilter none() {
		return new TicketFilter(List.of(), List.of(), List.of(), null, null);
	}

	public boolean isEmpty() {
		return statuses.isEmpty() && priorities.isEmpty() && channels.isEmpty() && tag == null && assignee == null;
	}

	/** The same filter with its values checked, lower-cased and without repeats; every problem named at once. */
	public TicketFilter validated() {
		List<String> errors = new ArrayList<>();
		List<String> status = known("status", statuses, Ticket.STATUSES, errors);
		List<String> priority = known("priority", priorities, Ticket.PRIORITIES, errors);
		List<String> channel = known("channel", channels, CHANNELS, errors);
		if (tag != null && tag.length() > MAX_TAG) {
			errors.add("tag: at most " + MAX_TAG + " characters");
		}
		if (assignee != null && !assignee.matches("me|none|[0-9]{1,18}")) {
			errors.add("assignee: me, none, any or a user's id");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The filter is not valid: " + String.join("; ", errors), errors);
		}
		return new TicketFilter(status, priority, channel, tag, assignee);
	}

	private static List<String> known(String field, List<String> values, List<String> allowed, List<String> errors) {
		LinkedHashSet<String> out = new LinkedHashSet<>();
		for (String value : values) {
			String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
			if (v.isEmpty()) {
				continue;
			}
			if (!allowed.contains(v)) {
				errors.add(field + ": one of " + String.join(", ", allowed));
				continue;
			}
			out.add(v);
		}
		return List.copyOf(out);
	}
}
