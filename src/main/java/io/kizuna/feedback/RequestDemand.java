package io.kizuna.feedback;

import java.math.BigDecimal;

/**
 * How much a request is wanted, weighted by who wants it.
 *
 * @param accounts distinct accounts voting
 * @param arrMinor their total ARR (minor units of the workspace currency)
 * @param arrAtRiskMinor the ARR of those in the red band or with an open risk signal
 * @param tiers how many tiers (enterprise, mid-market, SMB…) the accounts come from: breadth
 * @param top3Share the share of votes cast by the three loudest accounts (1.0: all of them)
 * @param rice reach × impact × confidence ÷ effort, null until impact, confidence and effort are set
 */
public record RequestDemand(int votes, int accounts, long arrMinor, long arrAtRiskMinor, int tiers, double top3Share,
		BigDecimal rice) {
}
