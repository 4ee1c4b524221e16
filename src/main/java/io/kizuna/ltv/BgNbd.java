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
}
