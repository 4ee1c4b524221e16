package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How well scores computed at past cut-off dates, with only the data before each, predicted which live accounts
 * churned (had no live subscription) within the horizon after it. Risk = 100 − score.
 */
public record BacktestReport(int horizonDays, List<LocalDate> cutoffs, List<ScorecardResult> scorecards) {

	/**
	 * @param rocAuc pooled over all cut-offs; null when there were no churners or no stayers
	 * @param precisionAtK share of churners among the k riskiest, k = 10% of the scored accounts of each cut-off
	 * @param recallAtK share of the churners found among those k
	 * @param liftByBand churn rate of each band divided by the overall churn rate
	 */
	public record ScorecardResult(long scorecardId, String name, int observations, int churned, int unscored,
			Double rocAuc, double precisionAtK, double recallAtK, Map<String, Double> churnRateByBand,
			Map<String, Double> liftByBand, List<CutoffResult> perCutoff) {
	}

	public record CutoffResult(LocalDate cutoff, int observations, int churned, Double rocAuc) {
	}
}
