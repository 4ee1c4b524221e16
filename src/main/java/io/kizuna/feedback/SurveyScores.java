package io.kizuna.feedback;

/**
 * The arithmetic of survey scores, in one place: NPS is the share of promoters (9-10) minus the share of detractors
 * (0-6), in points; CSAT is the share of satisfied answers (the top two points of the scale), in %; CES is the
 * average. Nothing is computed from no answers.
 */
public final class SurveyScores {

	private SurveyScores() {
	}

	/**
	 * @param promoters promoters for NPS, satisfied answers for CSAT
	 * @param detractors detractors for NPS
	 * @param sum the sum of the scores (for CES and custom)
	 */
	public static Double score(String kind, long responses, long promoters, long detractors, long sum) {
		if (responses == 0) {
			return null;
		}
		double value = switch (kind) {
			case "nps" -> (promoters - detractors) * 100.0 / responses;
			case "csat" -> promoters * 100.0 / responses;
			default -> (double) sum / responses;
		};
		return Math.round(value * 10) / 10.0;
	}

	/** Whether a score counts in the rollup's promoters column: an NPS promoter or a satisfied CSAT answer. */
	static boolean high(String kind, int score, int scaleMax) {
		return switch (kind) {
			case "nps" -> score >= 9;
			case "csat" -> score >= scaleMax - 1;
			default -> false;
		};
	}

	static boolean detractor(String kind, int score) {
		return "nps".equals(kind) && score <= 6;
	}
}
