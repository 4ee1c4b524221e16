package io.kizuna.calendars;

import java.util.Set;

/** What support knows of a ticket when it asks which SLA policy applies. */
public record SlaQuery(String priority, String tier, Set<String> segmentKeys, Long accountId) {

	public SlaQuery {
		segmentKeys = segmentKeys == null ? Set.of() : Set.copyOf(segmentKeys);
	}
}
