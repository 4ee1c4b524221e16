package io.kizuna.revenue;

import org.apache.commons.math3.special.Beta;

/**
 * The shifted-beta-geometric model of contractual retention (Fader &amp; Hardie 2007, "How to project customer
 * retention"): each customer churns at each renewal with probability θ ~ Beta(α, β).
 */
public record ShiftedBetaGeometric(double alpha, double beta, double logLikelihood) {

	/** @param active customers still active at the start of each period, starting with the whole cohort */
	public static ShiftedBetaGeometric fit(int[] active) {
		if (active.length < 3) {
			throw new LtvFitException("sBG needs the cohort size and at least two further periods");
		}
		for (int t = 1; t < active.length; t++) {
			if (active[t] > active[t - 1] || active[t] < 0) {
				throw new LtvFitException("active customers must not grow from one period to the next (period " + t + ")");
			}
		}
		double[] fit = MaximumLikelihood.maximise(p -> logLikelihood(p[0], p[1], active), new double[] { 1, 1 }, "sBG");
		return new ShiftedBetaGeometric(fit[0], fit[1], fit[2]);
	}

	/** Σ lost_t · ln P(T = t) + active_n · ln S(n). */
	static double logLikelihood(double alpha, double beta, int[] active) {
		double lnB = Beta.logBeta(alpha, beta);
		double sum = 0;
		int n = active.length - 1;
		for (int t = 1; t <= n; t++) {
			int lost = active[t - 1] - active[t];
			sum += lost * (Beta.logBeta(alpha + 1, beta + t - 1) - lnB);
		}
		return sum + active[n] * (Beta.logBeta(alpha, beta + n) - lnB);
	}

	/** S(t): the share of the cohort still active after t periods. */
	public double survival(int t) {
		return Math.exp(Beta.logBeta(alpha, beta + t) - Beta.logBeta(alpha, beta));
	}

	/** r(t) = (β + t − 1) / (α + β + t − 1): the retention rate at period t. */
	public double retention(int t) {
		return (beta + t - 1) / (alpha + beta + t - 1);
	}
}
