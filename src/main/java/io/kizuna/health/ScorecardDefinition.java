package io.kizuna.health;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;

/**
 * The measures of a scorecard and its band cut-offs: scores below {@code redBelow} are red, from {@code greenFrom}
 * up green, yellow between. The score is the weighted mean of the measures that have data; 100 means healthy.
 */
public record ScorecardDefinition(List<WeightedMeasure> measures, double redBelow, double greenFrom) {

	/** The default scorecard: weights tuned on the demo workspace's back-test (docs/health.md). */
	public static ScorecardDefinition standard() {
		return new ScorecardDefinition(List.of(
				new WeightedMeasure(BuiltInMeasures.DAYS_SINCE_ACTIVE, 25,
						ScoringRule.bands(List.of(2.0, 4.0, 8.0, 15.0, 31.0), List.of(100.0, 85.0, 70.0, 40.0, 15.0, 0.0))),
				new WeightedMeasure(BuiltInMeasures.USAGE_TREND, 20, ScoringRule.linear(-0.6, 0.2)),
				new WeightedMeasure(BuiltInMeasures.SEAT_UTILIZATION, 20, ScoringRule.linear(0, 0.8)),
				new WeightedMeasure(BuiltInMeasures.ADOPTION_BREADTH, 15, ScoringRule.linear(0, 1)),
				new WeightedMeasure(BuiltInMeasures.DEPTH, 10, ScoringRule.linear(1, 12)),
				new WeightedMeasure(BuiltInMeasures.SUBSCRIPTION_STATUS, 10, ScoringRule.linear(0, 1)),
				new WeightedMeasure(BuiltInMeasures.DAYS_SINCE_CSM_TOUCH, 5,
						ScoringRule.bands(List.of(31.0, 61.0, 91.0), List.of(100.0, 70.0, 40.0, 10.0))),
				new WeightedMeasure(BuiltInMeasures.RENEWAL_PROXIMITY, 0,
						ScoringRule.bands(List.of(0.0, 30.0, 90.0), List.of(30.0, 50.0, 75.0, 100.0)))),
				40, 70);
	}

	void validate(Set<String> knownMeasures) {
		List<ScorecardViolation> violations = violations(knownMeasures);
		if (!violations.isEmpty()) {
			throw new InvalidInputException("invalid scorecard",
					violations.stream().map(ScorecardViolation::message).toList());
		}
	}

	List<ScorecardViolation> violations(Set<String> knownMeasures) {
		List<ScorecardViolation> errors = new ArrayList<>();
		if (measures == null || measures.isEmpty()) {
			return List.of(new ScorecardViolation(null, "empty", "measures: at least one"));
		}
		Set<String> seen = new HashSet<>();
		double total = 0;
		for (int i = 0; i < measures.size(); i++) {
			WeightedMeasure m = measures.get(i);
			String where = "measures[" + i + "]";
			if (m == null || m.measure() == null || !knownMeasures.contains(m.measure())) {
				errors.add(new ScorecardViolation(null, "unknownMeasure", where + ".measure: unknown"
						+ (m == null ? "" : " '" + m.measure() + "'") + "; known: " + new java.util.TreeSet<>(knownMeasures)));
				continue;
			}
			if (!seen.add(m.measure())) {
				errors.add(new ScorecardViolation(m.measure(), "duplicate",
						where + ".measure: '" + m.measure() + "' appears twice"));
			}
			if (!(m.weight() >= 0) || !Double.isFinite(m.weight())) {
				errors.add(new ScorecardViolation(m.measure(), "weight", where + ".weight: must be 0 or more"));
			}
			else {
				total += m.weight();
			}
			if (m.rule() == null) {
				errors.add(new ScorecardViolation(m.measure(), "type", where + ".rule: required"));
			}
			else {
				m.rule().validate(m.measure(), where + ".rule", errors);
			}
		}
		if (errors.isEmpty() && total <= 0) {
			errors.add(new ScorecardViolation(null, "weightsZero", "measures: the weights must not all be zero"));
		}
		if (!(redBelow >= 0 && redBelow <= greenFrom && greenFrom <= 100)) {
			errors.add(new ScorecardViolation(null, "bands", "bands: 0 ≤ redBelow ≤ greenFrom ≤ 100"));
		}
		return errors;
	}

	HealthBand band(double score) {
		return score < redBelow ? HealthBand.RED : score >= greenFrom ? HealthBand.GREEN : HealthBand.YELLOW;
	}
}
