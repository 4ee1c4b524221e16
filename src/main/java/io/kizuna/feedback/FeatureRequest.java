package io.kizuna.feedback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A feature request on the board with its demand as last computed.
 *
 * @param mergedInto the request it was merged into (status {@code duplicate}), null while it stands on its own
 * @param reach RICE reach as edited, null to use the number of accounts asking
 * @param impact RICE impact (0.25 minimal … 3 massive)
 * @param confidence RICE confidence in percent
 * @param effort RICE effort in person-months
 */
public record FeatureRequest(long id, String title, String description, String status, String category,
		List<String> tags, Long mergedInto, Integer reach, BigDecimal impact, Integer confidence, BigDecimal effort,
		RequestDemand demand, String createdBy, Instant createdAt, Instant updatedAt) {

	public FeatureRequest {
		tags = List.copyOf(tags);
	}
}
