package io.kizuna.feedback;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A review as a CSV row or a REST body gives it.
 *
 * @param externalId the source's id of the review, if it has one (with the URL, what makes a re-import store nothing twice)
 * @param accountExternalId the account, when the importer knows it; otherwise matched by the author's email or name
 * @param language ja or en; null: guessed from the text
 */
public record ReviewDraft(String source, String externalId, BigDecimal rating, String title, String body,
		String author, String authorEmail, LocalDate reviewedOn, String url, String language, String accountExternalId) {
}
