package io.kizuna.ltv;

import java.util.List;

/**
 * How many purchases a customer is likely to make in the next {@code months} (BG/NBD): {@code probabilities.get(n)}
 * is P(exactly n purchases) for n = 0 … {@value #LISTED}, and {@code more} is P(more than {@value #LISTED}). The
 * probabilities and {@code more} add up to 1. CS teams plan outreach with it: P(0) is the chance of hearing nothing.
 */
public record PurchaseOutlook(int months, List<Double> probabilities, double more) {

	static final int LISTED = 5;

	static PurchaseOutlook of(BgNbd model, CustomerHistory history, int months) {
		double[] p = model.conditionalPurchaseProbabilities(months * 52.0 / 12, history, LISTED);
		double listed = 0;
		Double[] boxed = new Double[p.length];
		for (int i = 0; i < p.length; i++) {
			boxed[i] = p[i];
			listed += p[i];
		}
		return new PurchaseOutlook(months, List.of(boxed), Math.max(0, 1 - listed));
	}
}
