package io.kizuna.calendars.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;

/** A refusal's errors ("zone: …") as message keys of this module's bundle, so pages say them in the reader's language. */
final class ErrorKeys {

	private static final Set<String> FIELDS = Set.of("key", "name", "zone", "hours", "closures", "calendars",
			"calendarKey", "priority", "tier", "segmentKey", "accountId", "targets", "warningMinutes", "position",
			"policies");

	private ErrorKeys() {
	}

	static List<String> of(InvalidInputException ex) {
		Set<String> keys = new LinkedHashSet<>();
		for (String e : ex.errors()) {
			int colon = e.indexOf(':');
			String field = colon > 0 ? e.substring(0, colon) : "";
			keys.add("calendars.error." + (FIELDS.contains(field) ? field : "other"));
		}
		if (keys.isEmpty()) {
			keys.add("calendars.error.other");
		}
		return List.copyOf(keys);
	}
}
