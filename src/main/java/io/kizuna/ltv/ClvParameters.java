package io.kizuna.ltv;

import io.kizuna.shared.InvalidInputException;

/**
 * How future value is counted: over {@code horizonMonths} (1–120) for transaction customers, discounted at
 * {@code annualDiscountRate} (0.001–1, i.e. 0.1 %–100 % a year), applied monthly as (1 + annual)^(1/12) − 1.
 * Subscriptions' residual value has no horizon (DERL sums the whole expected lifetime).
 */
public record ClvParameters(int horizonMonths, double annualDiscountRate) {

	public static final ClvParameters DEFAULT = new ClvParameters(12, 0.10);

	public ClvParameters {
		if (horizonMonths < 1 || horizonMonths > 120) {
			throw new InvalidInputException("horizonMonths: between 1 and 120");
		}
		if (!(annualDiscountRate >= 0.001 && annualDiscountRate <= 1)) {
			throw new InvalidInputException("annualDiscountRate: between 0.001 and 1 (0.1 % to 100 % a year)");
		}
	}

	public double monthlyDiscountRate() {
		return Math.pow(1 + annualDiscountRate, 1.0 / 12) - 1;
	}
}
