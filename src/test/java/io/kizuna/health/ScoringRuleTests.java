package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The three scoring rules, at and around their edges, and the validation a scorecard editor relies on. */
class ScoringRuleTests {

	private static final double[] NO_PEERS = {};

	@Test
	void linearIsStraightBetweenItsEndsAndClampedOutside() {
		ScoringRule rule = ScoringRule.linear(0, 10);
		assertThat(rule.score(5, NO_PEERS)).isEqualTo(50.0);
		assertThat(rule.score(2.5, NO_PEERS)).isEqualTo(25.0);
		assertThat(rule.score(0, NO_PEERS)).isEqualTo(0.0);
		assertThat(rule.score(10, NO_PEERS)).isEqualTo(100.0);
		assertThat(rule.score(-3, NO_PEERS)).isEqualTo(0.0);
		assertThat(rule.score(13, NO_PEERS)).isEqualTo(100.0);
		// from above to: lower values are healthier
		ScoringRule lowerIsBetter = ScoringRule.linear(10, 0);
		assertThat(lowerIsBetter.score(2.5, NO_PEERS)).isEqualTo(75.0);
		assertThat(lowerIsBetter.score(12, NO_PEERS)).isEqualTo(0.0);
		assertThat(lowerIsBetter.score(-1, NO_PEERS)).isEqualTo(100.0);
		// an offset start: (4 - 2) / (6 - 2)
		assertThat(ScoringRule.linear(2, 6).score(4, NO_PEERS)).isEqualTo(50.0);
	}

	@Test
	void bandsStartAtTheirThresholdInclusive() {
		ScoringRule rule = ScoringRule.bands(List.of(2.0, 4.0), List.of(100.0, 50.0, 0.0));
		assertThat(rule.score(1.99, NO_PEERS)).isEqualTo(100.0);
		assertThat(rule.score(2.0, NO_PEERS)).isEqualTo(50.0);
		assertThat(rule.score(3.99, NO_PEERS)).isEqualTo(50.0);
		assertThat(rule.score(4.0, NO_PEERS)).isEqualTo(0.0);
		assertThat(rule.score(1e9, NO_PEERS)).isEqualTo(0.0);
		assertThat(rule.score(-1e9, NO_PEERS)).isEqualTo(100.0);
	}

	@Test
	void percentileCountsPeersBelowAndHalfOfTheEqualOnes() {
		double[] peers = { 1, 2, 2, 2, 3 };
		assertThat(ScoringRule.percentileRank(0, peers)).isEqualTo(0.0);
		assertThat(ScoringRule.percentileRank(1, peers)).isEqualTo(10.0); // (0 + 0.5) / 5
		assertThat(ScoringRule.percentileRank(2, peers)).isEqualTo(50.0); // (1 + 1.5) / 5
		assertThat(ScoringRule.percentileRank(2.5, peers)).isEqualTo(80.0); // (4 + 0) / 5
		assertThat(ScoringRule.percentileRank(3, peers)).isEqualTo(90.0); // (4 + 0.5) / 5
		assertThat(ScoringRule.percentileRank(4, peers)).isEqualTo(100.0);
		// ties at the very start
		assertThat(ScoringRule.percentileRank(2, new double[] { 2, 2, 3 })).isCloseTo(100.0 / 3, within(1e-9));
		// no comparison possible: the middle
		assertThat(ScoringRule.percentileRank(7, new double[] { 1 })).isEqualTo(50.0);
		assertThat(ScoringRule.percentileRank(7, NO_PEERS)).isEqualTo(50.0);
	}

	@Test
	void percentileIsInvertedWhenLowerIsBetter() {
		double[] peers = { 1, 2, 3, 4 };
		assertThat(ScoringRule.percentile(true).score(4, peers)).isEqualTo(87.5);
		assertThat(ScoringRule.percentile(false).score(4, peers)).isEqualTo(12.5);
		assertThat(ScoringRule.percentile(false).score(1, peers)).isEqualTo(87.5);
	}

	@Test
	void validRulesHaveNoViolations() {
		assertThat(violations(ScoringRule.linear(0, 1))).isEmpty();
		assertThat(violations(ScoringRule.linear(5, -5))).isEmpty();
		assertThat(violations(ScoringRule.bands(List.of(1.0), List.of(0.0, 100.0)))).isEmpty();
		assertThat(violations(ScoringRule.bands(List.of(-1.0, 0.0, 1.0), List.of(0.0, 10.0, 20.0, 100.0)))).isEmpty();
		assertThat(violations(ScoringRule.percentile(false))).isEmpty();
		assertThat(violations(ScorecardDefinition.standard().measures().get(0).rule())).isEmpty();
	}

	@Test
	void linearNeedsTwoDifferentFiniteEnds() {
		assertThat(codes(new ScoringRule("linear", null, 1.0, null, null, null))).containsExactly("linear");
		assertThat(codes(new ScoringRule("linear", 1.0, null, null, null, null))).containsExactly("linear");
		assertThat(codes(ScoringRule.linear(Double.NaN, 1))).containsExactly("linear");
		assertThat(codes(ScoringRule.linear(0, Double.POSITIVE_INFINITY))).containsExactly("linear");
		assertThat(violations(ScoringRule.linear(3, 3))).singleElement()
			.satisfies(v -> assertThat(v.message()).isEqualTo("m.rule: from and to must differ"));
	}

	@Test
	void bandsNeedAscendingThresholdsOneScoreMoreAndScoresFrom0To100() {
		assertThat(codes(ScoringRule.bands(List.of(), List.of(50.0)))).containsExactly("bandsCount");
		assertThat(codes(ScoringRule.bands(List.of(1.0), List.of(50.0)))).containsExactly("bandsCount");
		assertThat(codes(ScoringRule.bands(List.of(1.0), List.of(50.0, 60.0, 70.0)))).containsExactly("bandsCount");
		assertThat(codes(new ScoringRule("bands", null, null, null, List.of(1.0), null))).containsExactly("bandsCount");
		assertThat(codes(new ScoringRule("bands", null, null, List.of(1.0), null, null))).containsExactly("bandsCount");
		assertThat(codes(ScoringRule.bands(List.of(2.0, 1.0), List.of(0.0, 1.0, 2.0)))).containsExactly("bandsOrder");
		assertThat(codes(ScoringRule.bands(List.of(1.0, 1.0), List.of(0.0, 1.0, 2.0)))).containsExactly("bandsOrder");
		assertThat(codes(ScoringRule.bands(List.of(Double.NaN), List.of(0.0, 1.0)))).containsExactly("bandsOrder");
		assertThat(codes(ScoringRule.bands(List.of(1.0, Double.POSITIVE_INFINITY), List.of(0.0, 1.0, 2.0))))
			.containsExactly("bandsOrder");
		assertThat(codes(ScoringRule.bands(Arrays.asList(1.0, null), List.of(0.0, 1.0, 2.0)))).containsExactly("bandsOrder");
		assertThat(codes(ScoringRule.bands(Arrays.asList(null, 1.0), List.of(0.0, 1.0, 2.0)))).containsExactly("bandsOrder");
		// one violation per rule, however many thresholds are out of order
		assertThat(codes(ScoringRule.bands(List.of(3.0, 2.0, 1.0), List.of(0.0, 1.0, 2.0, 3.0)))).containsExactly("bandsOrder");
		assertThat(codes(ScoringRule.bands(List.of(1.0), List.of(0.0, 100.1)))).containsExactly("bandsScores");
		assertThat(codes(ScoringRule.bands(List.of(1.0), List.of(-0.1, 100.0)))).containsExactly("bandsScores");
		assertThat(codes(ScoringRule.bands(List.of(1.0), List.of(Double.NaN, 100.0)))).containsExactly("bandsScores");
		assertThat(codes(ScoringRule.bands(List.of(1.0), Arrays.asList(null, 100.0)))).containsExactly("bandsScores");
		assertThat(codes(ScoringRule.bands(List.of(2.0, 1.0), List.of(0.0, 1.0, 200.0))))
			.containsExactly("bandsOrder", "bandsScores");
	}

	@Test
	void percentileNeedsADirectionAndEveryRuleAType() {
		assertThat(codes(new ScoringRule("percentile", null, null, null, null, null))).containsExactly("percentile");
		assertThat(violations(new ScoringRule(null, 0.0, 1.0, null, null, null))).singleElement()
			.satisfies(v -> assertThat(v.message()).isEqualTo("m.rule.type: linear, bands or percentile"));
		assertThat(violations(new ScoringRule("sigmoid", 0.0, 1.0, null, null, null))).singleElement()
			.satisfies(v -> {
				assertThat(v.code()).isEqualTo("type");
				assertThat(v.measure()).isEqualTo("m");
				assertThat(v.message()).isEqualTo("m.rule.type: linear, bands or percentile, not sigmoid");
			});
	}

	private static List<ScorecardViolation> violations(ScoringRule rule) {
		List<ScorecardViolation> errors = new ArrayList<>();
		rule.validate("m", "m.rule", errors);
		return errors;
	}

	private static List<String> codes(ScoringRule rule) {
		return violations(rule).stream().map(ScorecardViolation::code).toList();
	}
}
