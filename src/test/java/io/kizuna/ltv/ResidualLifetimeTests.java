package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** DERL and DEL in closed form (Fader &amp; Hardie 2010) against their defining sums, and the censored sBG fit. */
class ResidualLifetimeTests {

	static final int[] REGULAR = { 1000, 631, 468, 382, 326, 289, 262, 241 };

	@Test
	void closedFormsEqualTheDiscountedSumsOfSurvival() {
		ShiftedBetaGeometric model = new ShiftedBetaGeometric(0.704, 1.182, Double.NaN);
		double d = 0.1;
		for (int renewals : new int[] { 0, 1, 4, 12 }) {
			double sum = 0;
			for (int k = 0; k < 20_000; k++) {
				sum += model.survival(renewals + 1 + k) / model.survival(renewals) / Math.pow(1 + d, k);
			}
			assertThat(model.discountedExpectedResidualLifetime(renewals, d)).as("n=%d", renewals)
				.isCloseTo(sum, within(1e-9));
		}
		double del = 0;
		for (int t = 0; t < 20_000; t++) {
			del += model.survival(t) / Math.pow(1 + d, t);
		}
		assertThat(model.discountedExpectedLifetime(d)).isCloseTo(del, within(1e-9));
		// Heterogeneity: the longer a customer has stayed, the more they are worth (the paper's central point).
		assertThat(model.discountedExpectedResidualLifetime(12, d)).isGreaterThan(model.discountedExpectedResidualLifetime(1, d));
		assertThatThrownBy(() -> model.discountedExpectedLifetime(0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theCensoredFitOfOneCohortIsTheCohortFit() {
		long[] lost = new long[REGULAR.length];
		long[] alive = new long[REGULAR.length];
		for (int t = 1; t < REGULAR.length; t++) {
			lost[t] = REGULAR[t - 1] - REGULAR[t];
		}
		alive[REGULAR.length - 1] = REGULAR[REGULAR.length - 1];
		ShiftedBetaGeometric censored = ShiftedBetaGeometric.fitLifetimes(lost, alive);
		assertThat(censored.alpha()).isCloseTo(0.704, within(0.0005));
		assertThat(censored.beta()).isCloseTo(1.182, within(0.0005));
		assertThat(censored.logLikelihood()).isCloseTo(ShiftedBetaGeometric.fit(REGULAR).logLikelihood(), within(1e-6));
		assertThat(censored.expectedLifetime()).isInfinite();
	}

	@Test
	void aPlanWithoutChurnOrWithTooFewSubscriptionsIsRefused() {
		assertThatThrownBy(() -> ShiftedBetaGeometric.fitLifetimes(new long[] { 0, 0, 0 }, new long[] { 0, 20, 30 }))
			.isInstanceOf(LtvFitException.class)
			.hasMessageContaining("churned");
		assertThatThrownBy(() -> ShiftedBetaGeometric.fitLifetimes(new long[] { 0, 2 }, new long[] { 0, 3 }))
			.isInstanceOf(LtvFitException.class)
			.hasMessageContaining("10 subscriptions");
	}
}
