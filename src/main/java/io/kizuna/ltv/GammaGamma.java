package io.kizuna.ltv;

import java.util.List;

import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie &amp; Lee, "RFM and CLV", 2005): transaction values vary around a
 * customer's mean ν ~ Gamma(q, γ) with shape p. Fitted on customers with at least one repeat purchase.
 */
public record GammaGamma(double p, double q, double gamma, double logLikelihood) {

	public static GammaGamma fit(List<CustomerHistory> customers) {
		List<CustomerHistory> repeat = customers.stream().filter(c -> c.x() > 0).toList();
		if (repeat.size() < 10) {
			throw new LtvFitException("Gamma-Gamma needs at least 10 customers with repeat purchases");
		}
		if (repeat.stream().anyMatch(c -> !(c.meanRepeatValue() > 0))) {
			throw new LtvFitException("Gamma-Gamma needs positive transaction values");
		}
		double[] x = repeat.stream().mapToDouble(CustomerHistory::x).toArray();
		double[] m = repeat.stream().mapToDouble(CustomerHistory::meanRepeatValue).toArray();
		double[] fit = MaximumLikelihood.maximise(params -> logLikelihood(params[0], params[1], params[2], x, m),
				new double[] { 1, 1, 1 }, "Gamma-Gamma");
		return new GammaGamma(fit[0], fit[1], fit[2], fit[3]);
	}

	static double logLikelihood(double p, double q, double gamma, double[] x, double[] m) {
		double sum = 0;
		for (int i = 0; i < x.length; i++) {
			double px = p * x[i];
			sum += Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
					+ (px - 1) * Math.log(m[i]) + px * Math.log(x[i]) - (px + q) * Math.log(gamma + m[i] * x[i]);
		}
		return sum;
	}

	/** E[M | x, m_x]: the expected value of this customer's future transactions. */
	public double expectedSpend(CustomerHistory c) {
		return (p * (gamma + c.x() * c.meanRepeatValue())) / (p * c.x() + q - 1);
	}
}
