package io.kizuna.health;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/** Classification metrics of a back-test, over (risk, churned) observations. */
final class BacktestMetrics {

	private BacktestMetrics() {
	}

	record Observation(long accountId, double risk, boolean churned, String band) {
	}

	/** ROC-AUC as the Mann–Whitney statistic with tied risks sharing their average rank; null if one class is empty. */
	static Double rocAuc(List<Observation> observations) {
		long positives = observations.stream().filter(Observation::churned).count();
		long negatives = observations.size() - positives;
		if (positives == 0 || negatives == 0) {
			return null;
		}
		double[] risks = observations.stream().mapToDouble(Observation::risk).toArray();
		double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(risks);
		double positiveRankSum = 0;
		for (int i = 0; i < ranks.length; i++) {
			if (observations.get(i).churned()) {
				positiveRankSum += ranks[i];
			}
		}
		return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

	/** Churners among the k riskiest (ties broken by account id, so the result is reproducible). */
	static int churnersInTop(List<Observation> observations, int k) {
		Observation[] sorted = observations.toArray(Observation[]::new);
		Arrays.sort(sorted, Comparator.comparingDouble(Observation::risk).reversed()
			.thenComparingLong(Observation::accountId));
		int found = 0;
		for (int i = 0; i < Math.min(k, sorted.length); i++) {
			if (sorted[i].churned()) {
				found++;
			}
		}
		return found;
	}
}
