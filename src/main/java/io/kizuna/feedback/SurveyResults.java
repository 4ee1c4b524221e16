package io.kizuna.feedback;

import java.time.YearMonth;
import java.util.List;

/**
 * A survey's results over a period: its score (NPS in points, CSAT in %, CES as the average), the response count,
 * deliveries and the response rate (responses ÷ delivered), and the same by month.
 */
public record SurveyResults(String kind, Double score, long responses, long promoters, long passives,
		long detractors, long delivered, Double responseRate, List<Month> months) {

	public SurveyResults {
		months = List.copyOf(months);
	}

	public record Month(YearMonth month, Double score, long responses) {
	}

	/** One row of a breakdown: a group (segment, plan, tier, touch level, ARR band) with its score. */
	public record Group(String key, String label, Double score, long responses) {
	}
}
