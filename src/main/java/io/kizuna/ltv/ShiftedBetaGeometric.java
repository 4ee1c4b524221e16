package io.kizuna.ltv;

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

	/**
	 * Fits on lifetimes observed for different lengths (subscriptions started at different times): {@code lost[t]}
	 * ended in period t; {@code alive[t]} were observed for t periods and are still active (right-censored there).
	 * A single cohort is the case where everyone still active was observed for the same number of periods.
	 */
	public static ShiftedBetaGeometric fitLifetimes(long[] lost, long[] alive) {
		long ended = java.util.Arrays.stream(lost).sum();
		long active = java.util.Arrays.stream(alive).sum();
		if (ended + active < 10) {
			throw new LtvFitException("sBG needs at least 10 subscriptions observed for a period or more");
		}
		if (ended == 0) {
			throw new LtvFitException("sBG needs at least one ended subscription (none has churned yet)");
		}
		double[] fit = MaximumLikelihood.maximise(p -> logLikelihood(p[0], p[1], lost, alive), new double[] { 1, 1 },
				"sBG");
		return new ShiftedBetaGeometric(fit[0], fit[1], fit[2]);
	}

	/** Σ_t lost_t · ln P(T = t) + Σ_t alive_t · ln S(t). */
	static double logLikelihood(double alpha, double beta, long[] lost, long[] alive) {
		double lnB = Beta.logBeta(alpha, beta);
		double sum = 0;
		for (int t = 1; t < lost.length; t++) {
			if (lost[t] > 0) {
				sum += lost[t] * (Beta.logBeta(alpha + 1, beta + t - 1) - lnB);
			}
		}
		for (int t = 1; t < alive.length; t++) {
			if (alive[t] > 0) {
				sum += alive[t] * (Beta.logBeta(alpha, beta + t) - lnB);
			}
		}
		return sum;
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

	/**
	 * DERL (Fader &amp; Hardie 2010, "Customer-base valuation in a contractual setting", eq. 6): the discounted
	 * expected number of further payments of a customer who has made {@code renewals} renewals, counted from the
	 * next renewal (undiscounted) on; {@code d} is the discount rate per period. Multiplied by the payment per period
	 * it is the customer's residual value.
	 */
	public double discountedExpectedResidualLifetime(int renewals, double d) {
		if (d <= 0) {
			throw new IllegalArgumentException("the discount rate must be positive");
		}
		return retention(renewals + 1) * Hypergeometric.f21(1, beta + renewals + 1, alpha + beta + renewals + 1, 1 / (1 + d));
	}

	/** DEL: the discounted expected lifetime in periods of a new customer, its first payment included. */
	public double discountedExpectedLifetime(double d) {
		if (d <= 0) {
			throw new IllegalArgumentException("the discount rate must be positive");
		}
		return Hypergeometric.f21(1, beta, alpha + beta, 1 / (1 + d));
	}

	/** E[T] in periods, or infinity when α ≤ 1 (the mean lifetime of the mixture does not exist). */
	public double expectedLifetime() {
		return alpha > 1 ? (alpha + beta - 1) / (alpha - 1) : Double.POSITIVE_INFINITY;
	}
}
