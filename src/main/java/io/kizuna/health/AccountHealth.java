package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

/**
 * An account's health on its latest snapshot day, explained: every measure's raw value, score, weight and
 * contribution (the contributions add up to the score), the trend over 7 and 30 days, what moved the score most
 * since a week ago in words, the history and the open signals.
 */
public record AccountHealth(String accountExternalId, LocalDate day, Double score, String band, String trend7,
		String trend30, List<ExplainedMeasure> measures, String explanation, List<DayScore> history,
		List<HealthSignal> signals) {

	public record ExplainedMeasure(String measure, String label, Double raw, Double score, double weight,
			Double contribution) {
	}

	public record DayScore(LocalDate day, Double score, String band) {
	}
}
