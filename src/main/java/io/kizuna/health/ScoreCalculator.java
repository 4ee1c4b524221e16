package io.kizuna.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kizuna.accounts.AccountState;

/** Pure scoring: raw values → rule scores → weighted mean of the measures that have data. */
final class ScoreCalculator {

	private ScoreCalculator() {
	}

	static Map<Long, AccountScore> score(ScoringInput input, List<Scorecard> scorecards,
			Map<String, HealthMeasure> measures) {
		Map<String, Map<Long, Double>> raw = new HashMap<>();
		for (Scorecard card : scorecards) {
			for (WeightedMeasure m : card.definition().measures()) {
				raw.computeIfAbsent(m.measure(), code -> measures.get(code).rawValues(input));
			}
		}
		Map<String, double[]> peers = peers(input, raw);
		Map<Long, AccountScore> scores = new HashMap<>(input.states().size() * 2);
		for (AccountState state : input.states().values()) {
			Scorecard card = scorecardFor(state.tier(), scorecards);
			scores.put(state.accountId(), score(state, card, raw, peers));
		}
		return scores;
	}

	static Scorecard scorecardFor(String tier, List<Scorecard> scorecards) {
		Scorecard fallback = null;
		for (Scorecard card : scorecards) {
			if (card.tier() == null) {
				fallback = card;
			}
			else if (card.tier().equals(tier)) {
				return card;
			}
		}
		return Objects.requireNonNull(fallback, "a workspace always has a default scorecard");
	}

	private static AccountScore score(AccountState state, Scorecard card, Map<String, Map<Long, Double>> raw,
			Map<String, double[]> peers) {
		List<WeightedMeasure> measures = card.definition().measures();
		double[] ruleScores = new double[measures.size()];
		Double[] raws = new Double[measures.size()];
		double weightWithData = 0;
		for (int i = 0; i < measures.size(); i++) {
			WeightedMeasure m = measures.get(i);
			raws[i] = raw.get(m.measure()).get(state.accountId());
			if (raws[i] != null) {
				ruleScores[i] = m.rule().score(raws[i], peers.get(peerKey(m.measure(), state.tier())));
				weightWithData += m.weight();
			}
		}
		List<MeasureResult> results = new ArrayList<>(measures.size());
		double total = 0;
		for (int i = 0; i < measures.size(); i++) {
			WeightedMeasure m = measures.get(i);
			if (raws[i] == null) {
				results.add(new MeasureResult(m.measure(), null, null, m.weight(), null));
				continue;
			}
			double contribution = weightWithData > 0 ? m.weight() * ruleScores[i] / weightWithData : 0;
			total += contribution;
			// Rounded for storage: 4 decimals keep the contributions' sum within 0.001 of the score.
			results.add(new MeasureResult(m.measure(), round(raws[i]), round(ruleScores[i]), m.weight(),
					round(contribution)));
		}
		if (weightWithData == 0) {
			return new AccountScore(state.accountId(), card.id(), null, null, results);
		}
		return new AccountScore(state.accountId(), card.id(), total, card.definition().band(total), results);
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/** Sorted raw values per (measure, tier), for percentile rules. */
	private static Map<String, double[]> peers(ScoringInput input, Map<String, Map<Long, Double>> raw) {
		Map<String, List<Double>> grouped = new HashMap<>();
		raw.forEach((measure, values) -> values.forEach((account, value) -> grouped
			.computeIfAbsent(peerKey(measure, input.states().get(account).tier()), key -> new ArrayList<>())
			.add(value)));
		Map<String, double[]> sorted = new HashMap<>();
		grouped.forEach((key, values) -> {
			double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
			Arrays.sort(array);
			sorted.put(key, array);
		});
		return sorted;
	}

	private static String peerKey(String measure, String tier) {
		return measure + "|" + tier;
	}
}
