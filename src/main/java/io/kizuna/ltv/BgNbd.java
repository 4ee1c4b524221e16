package io.kizuna.ltv;

import java.util.List;

import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while alive a customer
 * buys at a Poisson rate λ ~ Gamma(r, α) and after each purchase drops out with probability p ~ Beta(a, b).
 */
public record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {

	/** Fits by maximum likelihood; needs customers with repeat purchases. */
	public static BgNbd fit(List<CustomerHistory> customers) {
		if (customers.size() < 10 || customers.stream().noneMatch(c -> c.x() > 0)) {
			throw new LtvFitException("BG/NBD needs at least 10 customers, some with repeat purchases");
		}
		int n = customers.size();
		int[] x = new int[n];
		double[] tx = new double[n];
		double[] T = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = customers.get(i).x();
			tx[i] = customers.get(i).tx();
			T[i] = customers.get(i).T();
		}
		double[] fit = MaximumLikelihood.maximise(p -> logLikelihood(p[0], p[1], p[2], p[3], x, tx, T),
				new double[] { 1, 1, 1, 1 }, "BG/NBD");
		return new BgNbd(fit[0], fit[1], fit[2], fit[3], fit[4]);
	}

	/**
	 * The paper's equation (6), summed over customers, with the last two terms combined in log space. The
	 * log-gamma terms depend on x only, so they are computed once per distinct x.
	 */
	static double logLikelihood(double r, double alpha, double a, double b, int[] x, double[] tx, double[] T) {
		int maxX = 0;
		for (int value : x) {
			maxX = Math.max(maxX, value);
		}
		double[] lnA1A2 = new double[maxX + 1];
		java.util.Arrays.fill(lnA1A2, Double.NaN);
		double constant = -Gamma.logGamma(r) + r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
		double lnA = Math.log(a);
		double sum = 0;
		for (int i = 0; i < x.length; i++) {
			int xi = x[i];
			if (Double.isNaN(lnA1A2[xi])) {
				lnA1A2[xi] = Gamma.logGamma(r + xi) + Gamma.logGamma(b + xi) - Gamma.logGamma(a + b + xi);
			}
			double lnA3 = -(r + xi) * Math.log(alpha + T[i]);
			double term = lnA3;
			if (xi > 0) {
				double lnA4 = lnA - Math.log(b + xi - 1) - (r + xi) * Math.log(alpha + tx[i]);
				double max = Math.max(lnA3, lnA4);
				term = max + Math.log1p(Math.exp(Math.min(lnA3, lnA4) - max));
			}
			sum += lnA1A2[xi] + term;
		}
		return sum + x.length * constant;
	}

	/** P(alive | x, tx, T), equation (11) of the paper's note. */
	public double probabilityAlive(CustomerHistory c) {
		if (c.x() == 0) {
			return 1;
		}
		double ratio = Math.exp((r + c.x()) * (Math.log(alpha + c.T()) - Math.log(alpha + c.tx())));
		return 1 / (1 + a / (b + c.x() - 1) * ratio);
	}

	/** E[X(t)]: expected purchases of a new customer in {@code t} weeks. */
	public double expectedPurchases(double t) {
		return (a + b - 1) / (a - 1)
				* (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric.f21(r, b, a + b - 1, t / (alpha + t)));
	}

	/** E[Y(t) | x, tx, T]: expected purchases in the next {@code t} weeks of a customer with this history. */
	public double conditionalExpectedPurchases(double t, CustomerHistory c) {
		double z = t / (alpha + c.T() + t);
		double numerator = (a + b + c.x() - 1) / (a - 1) * (1 - Math.pow((alpha + c.T()) / (alpha + c.T() + t), r + c.x())
				* Hypergeometric.f21(r + c.x(), b + c.x(), a + b + c.x() - 1, z));
		double denominator = c.x() == 0 ? 1
				: 1 + a / (b + c.x() - 1) * Math.pow((alpha + c.T()) / (alpha + c.tx()), r + c.x());
		return numerator / denominator;
	}

	/**
	 * P(Y(t) = y | x, tx, T) for y = 0 … {@code max}: the probability of exactly y purchases in the next {@code t}
	 * weeks. Derived from the model as the paper states it: the customer is either alive at T (posterior weight of
	 * (1 − p)^x λ^x e^(−λT)) and then buys as a new BG/NBD customer would over t, or dropped out after the last
	 * purchase (weight p (1 − p)^(x−1) λ^x e^(−λ tx)) and buys nothing; both integrated over λ ~ Gamma(r, α) and
	 * p ~ Beta(a, b) and divided by the likelihood. The "alive and buys y" part is the negative binomial of the
	 * Poisson purchases before a drop-out, plus a drop-out right after the y-th purchase (the NB tail beyond y − 1).
	 */
	public double[] conditionalPurchaseProbabilities(double t, CustomerHistory c, int max) {
		int x = c.x();
		double lnT = Math.log(alpha + c.T());
		double lnTt = Math.log(alpha + c.T() + t);
		// The likelihood's two parts, without the factor Γ(r + x) α^r / (Γ(r) B(a, b)) every term shares.
		double lnAliveAtT = lnBeta(a, b + x) - (r + x) * lnT;
		double lnDroppedAtTx = x == 0 ? Double.NEGATIVE_INFINITY : lnBeta(a + 1, b + x - 1) - (r + x) * Math.log(alpha + c.tx());
		double lnLikelihood = logSum(lnAliveAtT, lnDroppedAtTx);
		double[] probabilities = new double[max + 1];
		double nbCumulative = 0;
		for (int y = 0; y <= max; y++) {
			// Alive through T + t with y purchases and no drop-out after any of them.
			double lnStayed = lnBeta(a, b + x + y) + Gamma.logGamma(r + x + y) - Gamma.logGamma(r + x) - (r + x + y) * lnTt
					+ (y == 0 ? 0 : y * Math.log(t)) - Gamma.logGamma(y + 1);
			double p = Math.exp(lnStayed - lnLikelihood);
			if (y == 0) {
				p += Math.exp(lnDroppedAtTx - lnLikelihood);
			}
			else {
				// Dropped out right after the y-th purchase: P(at least y Poisson purchases in t) under the posterior λ.
				double tail = Math.max(0, 1 - nbCumulative);
				p += Math.exp(lnBeta(a + 1, b + x + y - 1) - (r + x) * lnT - lnLikelihood) * tail;
			}
			// NB(r + x, (α + T) / (α + T + t)) probability of y Poisson purchases, for the next y's tail.
			nbCumulative += Math.exp(Gamma.logGamma(r + x + y) - Gamma.logGamma(r + x) - Gamma.logGamma(y + 1)
					+ (r + x) * (lnT - lnTt) + (y == 0 ? 0 : y * (Math.log(t) - lnTt)));
			probabilities[y] = p;
		}
		return probabilities;
	}

	private static double lnBeta(double p, double q) {
		return Gamma.logGamma(p) + Gamma.logGamma(q) - Gamma.logGamma(p + q);
	}

	private static double logSum(double u, double v) {
		double max = Math.max(u, v);
		return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(u - max) + Math.exp(v - max));
	}
}
