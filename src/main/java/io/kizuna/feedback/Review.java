package io.kizuna.feedback;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A review of the product on a public site, as imported; linked to an account when its author is a known contact.
 *
 * @param source where it was posted: g2, app_store, google_play, itreview…; message key {@code feedback.review.source.<source>}
 * @param rating 1 to 5 stars, halves allowed
 */
public record Review(long id, String source, BigDecimal rating, String title, String body, String author,
		String authorEmail, LocalDate reviewedOn, String url, String language, Long accountId, String accountExternalId,
		String accountName, String reply, Instant repliedAt, String repliedBy, Instant createdAt) {

	/** Two stars or fewer: routed to the negative queue and the {@code review_negative} playbook trigger. */
	public boolean negative() {
		return rating.compareTo(Reviews.NEGATIVE_AT_MOST) <= 0;
	}
}
