package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountState;
import io.kizuna.accounts.SubscriptionStatus;
import io.kizuna.shared.WorkspaceId;
import org.junit.jupiter.api.Test;

/** The weighted mean of the measures with data, worked by hand. */
class ScoreCalculatorTests {

	private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

	/** A measure whose raw values are given. */
	record Fixed(String code, Map<Long, Double> values) implements HealthMeasure {
		@Override
		public Map<Long, Double> rawValues(ScoringInput input) {
			return values;
		}
	}

	private final Map<Long, AccountState> states = new LinkedHashMap<>();

	private void account(long id, String tier) {
		states.put(id, new AccountState(id, "a-" + id, "A" + id, tier, null, SubscriptionStatus.ACTIVE, 1000, "JPY", 5,
				AS_OF.minusDays(100), null, null, null));
	}

	private ScoringInput input() {
		return new ScoringInput(new WorkspaceId(1), AS_OF, states, Map.of(), List.of());
	}

	private static Scorecard card(long id, String tier, WeightedMeasure... measures) {
		return new Scorecard(id, "card " + id, tier, new ScorecardDefinition(List.of(measures), 40, 70));
	}

	@Test
	void weightedMeanOfTheMeasuresThatHaveDataWithTheirContributions() {
		account(1, null);
		account(2, null);
		account(3, null);
		account(4, null);
		Map<Long, Double> a = new HashMap<>(Map.of(1L, 5.0, 2L, 10.0, 4L, 2.0));
		Map<Long, Double> b = new HashMap<>(Map.of(1L, 7.0, 4L, 1.0));
		Scorecard card = card(9, null, new WeightedMeasure("a", 3, ScoringRule.linear(0, 10)),
				new WeightedMeasure("b", 1, ScoringRule.bands(List.of(5.0), List.of(0.0, 100.0))));
		Map<Long, AccountScore> scores = ScoreCalculator.score(input(), List.of(card),
				Map.of("a", new Fixed("a", a), "b", new Fixed("b", b)));

		assertThat(scores).hasSize(4);
		// (3 × 50 + 1 × 100) / 4
		AccountScore one = scores.get(1L);
		assertThat(one.score()).isEqualTo(62.5);
		assertThat(one.band()).isEqualTo(HealthBand.YELLOW);
		assertThat(one.scorecardId()).isEqualTo(9);
		assertThat(one.measures()).containsExactly(new MeasureResult("a", 5.0, 50.0, 3, 37.5),
				new MeasureResult("b", 7.0, 100.0, 1, 25.0));
		// b has no data: a alone carries the score, and b is shown as missing, not as zero
		AccountScore two = scores.get(2L);
		assertThat(two.score()).isEqualTo(100.0);
		assertThat(two.band()).isEqualTo(HealthBand.GREEN);
		assertThat(two.measures()).containsExactly(new MeasureResult("a", 10.0, 100.0, 3, 100.0),
				new MeasureResult("b", null, null, 1, null));
		// nothing to score
		AccountScore three = scores.get(3L);
		assertThat(three.score()).isNull();
		assertThat(three.band()).isNull();
		assertThat(three.measures()).containsExactly(new MeasureResult("a", null, null, 3, null),
				new MeasureResult("b", null, null, 1, null));
		// (3 × 20 + 1 × 0) / 4
		assertThat(scores.get(4L).score()).isEqualTo(15.0);
		assertThat(scores.get(4L).band()).isEqualTo(HealthBand.RED);
	}

	@Test
	void measuresWithDataButNoWeightGiveNoScore() {
		account(1, null);
		Scorecard card = card(1, null, new WeightedMeasure("a", 0, ScoringRule.linear(0, 10)),
				new WeightedMeasure("b", 2, ScoringRule.linear(0, 10)));
		AccountScore score = ScoreCalculator.score(input(), List.of(card),
				Map.of("a", new Fixed("a", Map.of(1L, 5.0)), "b", new Fixed("b", Map.of()))).get(1L);
		assertThat(score.score()).isNull();
		assertThat(score.band()).isNull();
		assertThat(score.measures().get(0).score()).isEqualTo(50.0);
	}

	@Test
	void storedFiguresAreRoundedToFourDecimals() {
		account(1, null);
		Scorecard card = card(1, null, new WeightedMeasure("a", 1, ScoringRule.linear(0, 10)),
				new WeightedMeasure("b", 2, ScoringRule.linear(0, 10)));
		AccountScore score = ScoreCalculator.score(input(), List.of(card),
				Map.of("a", new Fixed("a", Map.of(1L, 10.0 / 3)), "b", new Fixed("b", Map.of(1L, 10.0)))).get(1L);
		// a: 33.333…, b: 100; score (33.333… + 200) / 3 = 77.777…, kept unrounded
		assertThat(score.score()).isCloseTo(77.77777777, org.assertj.core.api.Assertions.within(1e-8));
		assertThat(score.measures()).containsExactly(new MeasureResult("a", 3.3333, 33.3333, 1, 11.1111),
				new MeasureResult("b", 10.0, 100.0, 2, 66.6667));
	}

	@Test
	void eachTierUsesItsOwnScorecardAndOthersTheDefault() {
		account(1, "enterprise");
		account(2, "smb");
		account(3, null);
		Scorecard standard = card(1, null, new WeightedMeasure("a", 1, ScoringRule.linear(0, 10)));
		Scorecard enterprise = card(2, "enterprise", new WeightedMeasure("a", 1, ScoringRule.linear(0, 20)));
		Map<Long, AccountScore> scores = ScoreCalculator.score(input(), List.of(standard, enterprise),
				Map.of("a", new Fixed("a", Map.of(1L, 5.0, 2L, 5.0, 3L, 5.0))));
		assertThat(scores.get(1L).scorecardId()).isEqualTo(2);
		assertThat(scores.get(1L).score()).isEqualTo(25.0);
		assertThat(scores.get(2L).scorecardId()).isEqualTo(1);
		assertThat(scores.get(2L).score()).isEqualTo(50.0);
		assertThat(scores.get(3L).scorecardId()).isEqualTo(1);
		// the default may come after the tier's card
		assertThat(ScoreCalculator.scorecardFor("enterprise", List.of(enterprise, standard))).isSameAs(enterprise);
		assertThat(ScoreCalculator.scorecardFor("enterprise", List.of(standard, enterprise))).isSameAs(enterprise);
		assertThat(ScoreCalculator.scorecardFor("smb", List.of(enterprise, standard))).isSameAs(standard);
		assertThat(ScoreCalculator.scorecardFor(null, List.of(enterprise, standard))).isSameAs(standard);
		assertThatNullPointerException().isThrownBy(() -> ScoreCalculator.scorecardFor("smb", List.of(enterprise)));
	}

	@Test
	void percentilesRankAgainstThePeersInOrderWhateverOrderTheyCameIn() {
		account(1, null);
		account(2, null);
		account(3, null);
		Scorecard card = card(1, null, new WeightedMeasure("p", 1, ScoringRule.percentile(true)));
		Map<Long, AccountScore> scores = ScoreCalculator.score(input(), List.of(card),
				Map.of("p", new Fixed("p", Map.of(1L, 3.0, 2L, 1.0, 3L, 2.0))));
		// sorted peers [1, 2, 3]: (0 + ½) / 3, (1 + ½) / 3, (2 + ½) / 3
		assertThat(scores.get(2L).score()).isCloseTo(100.0 / 6, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(scores.get(3L).score()).isCloseTo(50.0, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(scores.get(1L).score()).isCloseTo(500.0 / 6, org.assertj.core.api.Assertions.within(1e-9));
	}

	@Test
	void percentilesCompareAnAccountWithPeersOfItsOwnTierOnly() {
		account(1, "enterprise");
		account(2, "enterprise");
		account(3, "smb");
		account(4, "smb");
		Scorecard card = card(1, null, new WeightedMeasure("p", 1, ScoringRule.percentile(true)));
		Map<Long, AccountScore> scores = ScoreCalculator.score(input(), List.of(card),
				Map.of("p", new Fixed("p", Map.of(1L, 1.0, 2L, 2.0, 3L, 100.0, 4L, 200.0))));
		// within enterprise [1, 2]: 25 and 75; pooled with smb it would be 12.5 and 37.5
		assertThat(scores.get(1L).score()).isEqualTo(25.0);
		assertThat(scores.get(2L).score()).isEqualTo(75.0);
		assertThat(scores.get(3L).score()).isEqualTo(25.0);
		assertThat(scores.get(4L).score()).isEqualTo(75.0);
	}
}
