package io.kizuna.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One answer to a survey, attributed to its contact and account: the score of the scale question, every answer by
 * question id, the free text, and whether it was submitted (a saved draft can still change).
 */
public record SurveyResponse(long id, long surveyId, String surveyName, String kind, Long contactId,
		String contactName, String contactEmail, Long accountId, String accountExternalId, String accountName,
		Integer score, Map<String, List<String>> answers, String comment, String language, String source,
		boolean submitted, Instant respondedAt) {

	/** The source name of survey comments in text analytics. */
	public static final String TEXT_SOURCE = "survey_response";

	/** NPS band of the score: promoter (9-10), passive (7-8), detractor (0-6); null for other kinds. */
	public String npsBand() {
		if (!"nps".equals(kind) || score == null) {
			return null;
		}
		return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
	}

	/** A follow-up task about this response and how it ended. */
	public record FollowUp(long taskId, String status, String outcome, Instant updatedAt) {
	}
}
