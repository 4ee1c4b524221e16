package io.kizuna.text;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A term well above its usual level: its texts in the last week against its usual week, and who wrote them. The
 * related terms rose in the same texts (one spike, one issue).
 */
public record RisingIssue(long id, String term, List<String> related, LocalDate detectedOn, int recent, double usual, int texts, int accounts,
		long arrMinor, String currency, List<String> accountExternalIds, Instant createdAt) {
}
