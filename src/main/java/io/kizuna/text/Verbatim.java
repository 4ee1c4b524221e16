package io.kizuna.text;

import java.time.Instant;
import java.util.List;

/**
 * One customer text as a drill-down shows it: its parts with the term's occurrences marked (each part is escaped on
 * output like any text), where it came from and what its analysis found.
 */
public record Verbatim(long id, String source, String accountExternalId, String link, Instant writtenAt,
		String language, String status, String sentiment, Double score, List<String> reasons, List<Part> parts) {

	public record Part(String text, boolean hit) {
	}
}
