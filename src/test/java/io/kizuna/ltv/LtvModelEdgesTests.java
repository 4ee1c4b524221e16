package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The LTV models at their published examples and at the edges of what they accept. */
class LtvModelEdgesTests {

	/** Fader, Hardie and Lee's CDNOW parameters. */
	static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426, Double.NaN);

	@Test
	void bgNbdConditionalExpectationOfThePapersExampleCustomer() {
		// "a customer who made 2 repeat purchases, the last at week 30.43, observed for 38.86 weeks, is expected to
		// make 1.226 purchases in the next 39 weeks" (Fader, Hardie and Lee 2005, section 5)
		CustomerHistory customer = new CustomerHistory("example", 2, 30.43, 38.86, 0);
		assertThat(CDNOW.conditionalExpectedPurchases(39, customer)).isCloseTo(1.226, within(0.0005));
		// P(alive) = 1 / (1 + a / (b + x − 1) · ((α + T) / (α + tx))^(r + x)), worked out: 0.72658
		assertThat(CDNOW.probabilityAlive(customer)).isCloseTo(0.72658, within(0.00001));
		// one purchase only: always alive in the model
		assertThat(CDNOW.probabilityAlive(new CustomerHistory("once", 0, 0, 20, 0))).isEqualTo(1.0);
		// longer silence, lower P(alive) and fewer expected purchases
		CustomerHistory silent = new CustomerHistory("silent", 2, 10, 38.86, 0);
		assertThat(CDNOW.probabilityAlive(silent)).isLessThan(CDNOW.probabilityAlive(customer));
		assertThat(CDNOW.conditionalExpectedPurchases(39, silent)).isLessThan(1.226);
	}

	@Test
	void bgNbdNeedsTenCustomersSomeWithRepeatPurchases() {
		List<CustomerHistory> ten = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ten.add(new CustomerHistory("c" + i, i % 4, (i % 4) * 3.0, 20 + i, 10));
		}
		assertThatCode(() -> BgNbd.fit(ten)).doesNotThrowAnyException();
		assertThatThrownBy(() -> BgNbd.fit(ten.subList(0, 9))).isInstanceOf(LtvFitException.class)
			.hasMessageContaining("at least 10 customers");
		List<CustomerHistory> onlyFirstPurchases = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			onlyFirstPurchases.add(new CustomerHistory("c" + i, 0, 0, 20 + i, 0));
		}
		assertThatThrownBy(() -> BgNbd.fit(onlyFirstPurchases)).isInstanceOf(LtvFitException.class);
		onlyFirstPurchases.set(5, new CustomerHistory("c5", 1, 2, 25, 10));
		assertThatCode(() -> BgNbd.fit(onlyFirstPurchases)).doesNotThrowAnyException();
	}

	@Test
	void gammaGammaExpectedSpendShrinksTheCustomersMeanTowardsThePopulations() {
		// CDNOW: p = 6.25, q = 3.74, γ = 15.44; E[M | x, m̄] = p (γ + x m̄) / (p x + q − 1)
		GammaGamma cdnow = new GammaGamma(6.25, 3.74, 15.44, Double.NaN);
		assertThat(cdnow.expectedSpend(new CustomerHistory("two", 2, 10, 20, 35))).isCloseTo(35.0394, within(0.0001));
		// no repeat purchase: the population mean p γ / (q − 1)
		assertThat(cdnow.expectedSpend(new CustomerHistory("none", 0, 0, 20, 0))).isCloseTo(35.2190, within(0.0001));
	}

	@Test
	void sbgExpectedLifetimeExistsOnlyForAlphaAboveOne() {
		// E[T] = (α + β − 1) / (α − 1)
		assertThat(new ShiftedBetaGeometric(2, 3, Double.NaN).expectedLifetime()).isEqualTo(4.0);
		assertThat(new ShiftedBetaGeometric(3, 1.5, Double.NaN).expectedLifetime()).isEqualTo(1.75);
		assertThat(new ShiftedBetaGeometric(1, 3, Double.NaN).expectedLifetime()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(new ShiftedBetaGeometric(0.704, 1.182, Double.NaN).expectedLifetime())
			.isEqualTo(Double.POSITIVE_INFINITY);
	}

	@Test
	void sbgDiscountedLifetimesNeedAPositiveRate() {
		ShiftedBetaGeometric model = new ShiftedBetaGeometric(0.704, 1.182, Double.NaN);
		assertThatIllegalArgumentException().isThrownBy(() -> model.discountedExpectedLifetime(0));
		assertThatIllegalArgumentException().isThrownBy(() -> model.discountedExpectedResidualLifetime(3, 0));
		assertThat(model.discountedExpectedLifetime(0.01)).isPositive();
		assertThat(model.discountedExpectedResidualLifetime(3, 0.01)).isPositive();
		// a customer always pays the first period: DEL ≥ 1, and a higher rate values the future less
		assertThat(model.discountedExpectedLifetime(0.1)).isGreaterThan(1)
			.isGreaterThan(model.discountedExpectedLifetime(0.5));
	}

	@Test
	void sbgFitsRefuseImpossibleCohortsAndTooFewSubscriptions() {
		// a period with no churn is fine; growth or a negative count is not
		assertThatCode(() -> ShiftedBetaGeometric.fit(new int[] { 1000, 869, 869, 626, 532, 464 }))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> ShiftedBetaGeometric.fit(new int[] { 1000, 869, 870, 626 }))
			.isInstanceOf(LtvFitException.class)
			.hasMessageContaining("period 2");
		assertThatThrownBy(() -> ShiftedBetaGeometric.fit(new int[] { 1000, 869, -1 })).isInstanceOf(LtvFitException.class);
		assertThatThrownBy(() -> ShiftedBetaGeometric.fit(new int[] { 1000, 869 })).isInstanceOf(LtvFitException.class);
		// ten subscriptions observed are enough, nine are not
		assertThatCode(() -> ShiftedBetaGeometric.fitLifetimes(new long[] { 0, 3, 2 }, new long[] { 0, 2, 3 }))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> ShiftedBetaGeometric.fitLifetimes(new long[] { 0, 3, 2 }, new long[] { 0, 2, 2 }))
			.isInstanceOf(LtvFitException.class)
			.hasMessageContaining("at least 10");
		assertThatThrownBy(() -> ShiftedBetaGeometric.fitLifetimes(new long[] { 0, 0, 0 }, new long[] { 0, 5, 7 }))
			.isInstanceOf(LtvFitException.class)
			.hasMessageContaining("none has churned");
	}

	@Test
	void sbgLikelihoodOfLifetimesIsTheCohortLikelihoodForOneCohort() {
		// a cohort of 1000 with 869, 743 active: 131 lost in period 1, 126 in period 2, 743 alive after 2
		double cohort = ShiftedBetaGeometric.logLikelihood(0.7, 1.2, new int[] { 1000, 869, 743 });
		double lifetimes = ShiftedBetaGeometric.logLikelihood(0.7, 1.2, new long[] { 0, 131, 126 },
				new long[] { 0, 0, 743 });
		assertThat(lifetimes).isCloseTo(cohort, within(1e-9));
	}
}
