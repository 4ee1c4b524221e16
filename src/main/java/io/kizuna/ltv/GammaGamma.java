package io.kizuna.ltv;

import java.util.List;

import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie &amp; Lee, "RFM and CLV", 2005): transaction values vary around a
 * customer's mean ν ~ Gamma(q, γ) with shape p. Fitted on the repeat transactions of positive value: purchases of 0
 * are left out, and so are the repeat customers none of whose repeat purchases had a value ({@code leftOut}; they are
 * valued at the population mean like customers without repeat purchases).
 *
 * @param customers the repeat customers the model was fitted on
 */
public record GammaGamma(double p, double q, double gamma, double logLikelihood, int customers, int leftOut) {

	/** Parameters as published, fitted on no data of ours. */
	public GammaGamma(double p, double q, double gamma, double logLikelihood) {
		this(p, q, gamma, logLikelihood, 0, 0);
	}

	public static GammaGamma fit(List<CustomerHistory> customers) {
		List<CustomerHistory> repeat = customers.stream().filter(c -> c.spendTransactions() > 0).toList();
		int leftOut = (int) customers.stream().filter(c -> c.x() > 0 && c.spendTransactions() == 0).count();
		if (repeat.size() < 10) {
			throw new LtvFitException("Gamma-Gamma needs at least 10 customers with repeat purchases of positive value"
					+ (leftOut == 0 ? "" : " (" + leftOut + " repeat customers spent 0 on average and were left out)"));
		}
		double[] x = repeat.stream().mapToDouble(CustomerHistory::spendTransactions).toArray();
		double[] m = repeat.stream().mapToDouble(CustomerHistory::meanRepeatValue).toArray();
		double[] fit = MaximumLikelihood.maximise(params -> logLikelihood(params[0], params[1], params[2], x, m),
				new double[] { 1, 1, 1 }, "Gamma-Gamma");
		return new GammaGamma(fit[0], fit[1], fit[2], fit[3], repeat.size(), leftOut);
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

	/** E[M | x, m_x]: the expected value of this customer's future transactions (of positive value). */
	public double expectedSpend(CustomerHistory c) {
		int n = c.spendTransactions();
		return (p * (gamma + n * c.meanRepeatValue())) / (p * n + q - 1);
	}
}
