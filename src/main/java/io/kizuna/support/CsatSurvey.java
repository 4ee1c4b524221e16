package io.kizuna.support;

import java.time.Instant;

/**
 * A CSAT survey as its public page shows it: the ticket's number and subject, the scale ({@code five}: 1-5,
 * {@code binary}: good/bad), the question in the visitor's language, and the answer once given.
 */
public record CsatSurvey(long ticketId, String subject, String scale, String question, Integer rating, String comment,
		Instant answeredAt) {

	public boolean answered() {
		return answeredAt != null;
	}
}
