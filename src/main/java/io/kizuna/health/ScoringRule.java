package io.kizuna.health;

import java.util.Arrays;
import java.util.List;

/**
 * How a measure's raw value becomes a 0–100 score (100 = healthy).
 * <ul>
 * <li>{@code linear}: {@code from} scores 0 and {@code to} scores 100, straight between, clamped outside; put
 * {@code from} above {@code to} when lower values are healthier.</li>
 * <li>{@code bands}: ascending {@code thresholds} t1 &lt; … &lt; tn and n+1 {@code scores}: below t1 scores
 * scores[0], from t1 up to t2 scores[1], …, from tn up scores[n].</li>
 * <li>{@code percentile}: the account's percentile among peers of the same tier that have data, inverted when
 * {@code higherIsBetter} is false.</li>
 * </ul>
 */
public record ScoringRule(String type, Double from, Double to, List<Double> thresholds, List<Double> scores,
		Boolean higherIsBetter) {

	public static ScoringRule linear(double from, double to) {
		return new ScoringRule("linear", from, to, null, null, null);
	}

	public static ScoringRule bands(List<Double> thresholds, List<Double> scores) {
		return new ScoringRule("bands", null, null, thresholds, scores, null);
	}

	public static ScoringRule percentile(boolean higherIsBetter) {
		return new ScoringRule("percentile", null, null, null, null, higherIsBetter);
	}

	void validate(String measure, String where, List<ScorecardViolation> errors) {
		if (type == null) {
			errors.add(new ScorecardViolation(measure, "type", where + ".type: linear, bands or percentile"));
			return;
		}
		switch (type) {
			case "linear" -> {
				if (from == null || to == null || !Double.isFinite(from) || !Double.isFinite(to)) {
					errors.add(new ScorecardViolation(measure, "linear", where + ": a linear rule needs finite from and to"));
				}
				else if (from.equals(to)) {
					errors.add(new ScorecardViolation(measure, "linear", where + ": from and to must differ"));
				}
			}
			case "bands" -> {
				if (thresholds == null || scores == null || thresholds.isEmpty()
						|| scores.size() != thresholds.size() + 1) {
					errors.add(new ScorecardViolation(measure, "bandsCount", where + ": bands need n thresholds and n+1 scores"));
					return;
				}
				for (int i = 0; i < thresholds.size(); i++) {
					if (thresholds.get(i) == null || !Double.isFinite(thresholds.get(i))
							|| i > 0 && (thresholds.get(i - 1) == null || thresholds.get(i) <= thresholds.get(i - 1))) {
						errors.add(new ScorecardViolation(measure, "bandsOrder",
								where + ": thresholds must be in ascending order"));
						break;
					}
				}
				if (scores.stream().anyMatch(s -> s == null || !(s >= 0 && s <= 100))) {
					errors.add(new ScorecardViolation(measure, "bandsScores", where + ": band scores must be between 0 and 100"));
				}
			}
			case "percentile" -> {
				if (higherIsBetter == null) {
					errors.add(new ScorecardViolation(measure, "percentile", where + ": a percentile rule needs higherIsBetter"));
				}
			}
			default -> errors.add(new ScorecardViolation(measure, "type",
					where + ".type: linear, bands or percentile, not " + type));
		}
	}

	/** @param peers the sorted raw values of the account's peers (percentile rule only) */
	double score(double raw, double[] peers) {
		return switch (type) {
			case "linear" -> Math.max(0, Math.min(100, 100 * (raw - from) / (to - from)));
			case "bands" -> {
				int band = 0;
				while (band < thresholds.size() && raw >= thresholds.get(band)) {
					band++;
				}
				yield scores.get(band);
			}
			default -> {
				double rank = percentileRank(raw, peers);
				yield higherIsBetter ? rank : 100 - rank;
			}
		};
	}

	/** Share of peers below plus half of those equal, so ties sit in the middle. */
	static double percentileRank(double raw, double[] sortedPeers) {
		if (sortedPeers.length <= 1) {
			return 50;
		}
		int below = lowerBound(sortedPeers, raw);
		int equal = lowerBound(sortedPeers, Math.nextUp(raw)) - below;
		return 100.0 * (below + 0.5 * equal) / sortedPeers.length;
	}

	private static int lowerBound(double[] sorted, double value) {
		int index = Arrays.binarySearch(sorted, value);
		if (index < 0) {
			return -index - 1;
		}
		while (index > 0 && sorted[index - 1] == value) {
			index--;
		}
		return index;
	}
}
