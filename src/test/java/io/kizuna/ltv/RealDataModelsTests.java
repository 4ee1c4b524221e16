package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/** What real logs bring to the models: purchases of 0, collapsed fits, and the purchase outlook per customer. */
class RealDataModelsTests {

	static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426, Double.NaN);

	@Test
	void theOutlookIsADistributionWhoseMeanIsTheExpectedPurchases() {
		for (CustomerHistory c : List.of(new CustomerHistory("example", 2, 30.43, 38.86, 0),
				new CustomerHistory("once", 0, 0, 20, 0), new CustomerHistory("busy", 12, 37, 38, 20),
				new CustomerHistory("gone", 5, 4, 38, 20))) {
			for (double t : new double[] { 4, 13, 39 }) {
				double[] p = CDNOW.conditionalPurchaseProbabilities(t, c, 80);
				double sum = 0;
				double mean = 0;
				for (int y = 0; y < p.length; y++) {
					assertThat(p[y]).as("%s P(%d) in %s weeks", c.customerId(), y, t).isBetween(0.0, 1.0);
					sum += p[y];
					mean += y * p[y];
				}
				assertThat(sum).as("%s in %s weeks", c.customerId(), t).isCloseTo(1, within(1e-9));
				assertThat(mean).as("%s in %s weeks", c.customerId(), t)
					.isCloseTo(CDNOW.conditionalExpectedPurchases(t, c), within(1e-7));
			}
		}
	}

	@Test
	void aNewCustomersOutlookIsThePapersDistributionOfPurchases() {
		// Fader, Hardie and Lee 2005, equation (8): P(X(t) = x) for a customer just acquired (x = 0, T = 0).
		double r = CDNOW.r(), alpha = CDNOW.alpha(), a = CDNOW.a(), b = CDNOW.b(), t = 39;
		double[] p = CDNOW.conditionalPurchaseProbabilities(t, new CustomerHistory("new", 0, 0, 0, 0), 6);
		for (int x = 0; x <= 6; x++) {
			double first = Math.exp(lnBeta(a, b + x) - lnBeta(a, b) + Gamma.logGamma(r + x) - Gamma.logGamma(r)
					- Gamma.logGamma(x + 1) + r * Math.log(alpha / (alpha + t)) + x * Math.log(t / (alpha + t)));
			double second = 0;
			if (x > 0) {
				double sum = 0;
				for (int j = 0; j <= x - 1; j++) {
					sum += Math.exp(Gamma.logGamma(r + j) - Gamma.logGamma(r) - Gamma.logGamma(j + 1)
							+ j * Math.log(t / (alpha + t)));
				}
				second = Math.exp(lnBeta(a + 1, b + x - 1) - lnBeta(a, b))
						* (1 - Math.pow(alpha / (alpha + t), r) * sum);
			}
			assertThat(p[x]).as("P(X(39) = %d)", x).isCloseTo(first + second, within(1e-12));
		}
		// The outlook record lists 0 … 5 and the rest.
		PurchaseOutlook outlook = PurchaseOutlook.of(CDNOW, new CustomerHistory("example", 2, 30.43, 38.86, 0), 3);
		assertThat(outlook.probabilities()).hasSize(6);
		assertThat(outlook.probabilities().stream().mapToDouble(Double::doubleValue).sum() + outlook.more())
			.isCloseTo(1, within(1e-9));
		assertThat(outlook.probabilities().get(0)).isGreaterThan(outlook.probabilities().get(1));
	}

	@Test
	void purchasesOfZeroCountForFrequencyAndAreLeftOutOfSpend() {
		List<Transaction> log = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			log.add(new Transaction("c" + i, java.time.LocalDate.of(1997, 1, 1 + i), new java.math.BigDecimal("10")));
			log.add(new Transaction("c" + i, java.time.LocalDate.of(1997, 2, 1 + i), new java.math.BigDecimal(5 + i)));
		}
		// z bought three times, twice for nothing: two repeat transactions for BG/NBD, one of value for Gamma-Gamma.
		log.add(new Transaction("z", java.time.LocalDate.of(1997, 1, 2), new java.math.BigDecimal("0")));
		log.add(new Transaction("z", java.time.LocalDate.of(1997, 2, 2), new java.math.BigDecimal("0.00")));
		log.add(new Transaction("z", java.time.LocalDate.of(1997, 3, 2), new java.math.BigDecimal("8")));
		// zz's repeat purchases were all free: a repeat customer the spend model leaves out.
		log.add(new Transaction("zz", java.time.LocalDate.of(1997, 1, 3), new java.math.BigDecimal("20")));
		log.add(new Transaction("zz", java.time.LocalDate.of(1997, 3, 3), new java.math.BigDecimal("0")));
		List<CustomerHistory> histories = TransactionSummaries.calibrate(log, java.time.LocalDate.of(1997, 6, 30));
		CustomerHistory z = histories.stream().filter(h -> h.customerId().equals("z")).findFirst().orElseThrow();
		assertThat(z.x()).isEqualTo(2);
		assertThat(z.spendTransactions()).isEqualTo(1);
		assertThat(z.meanRepeatValue()).isEqualTo(8.0);
		CustomerHistory zz = histories.stream().filter(h -> h.customerId().equals("zz")).findFirst().orElseThrow();
		assertThat(zz.x()).isEqualTo(1);
		assertThat(zz.spendTransactions()).isZero();

		GammaGamma spend = GammaGamma.fit(histories);
		assertThat(spend.customers()).isEqualTo(13);
		assertThat(spend.leftOut()).isEqualTo(1);
		assertThat(FitWarning.of(null, spend, 180)).extracting(FitWarning::code).contains(FitWarning.SPEND_LEFT_OUT);
		// Left out of the fit, valued like a customer without repeat purchases: the population's mean spend.
		assertThat(spend.expectedSpend(zz))
			.isCloseTo(spend.p() * spend.gamma() / (spend.q() - 1), within(1e-9));
	}

	@Test
	void aCollapsedParameterIsAWarningAndSensibleOnesAreNot() {
		List<FitWarning> collapsed = FitWarning.of(new BgNbd(0.4, 3, 1.3e-8, 2, -1), null, 23);
		assertThat(collapsed).singleElement().satisfies(w -> {
			assertThat(w.code()).isEqualTo(FitWarning.DEGENERATE);
			assertThat(w.parameter()).isEqualTo("a");
			assertThat(w.valueShown()).isEqualTo("1.3e-08");
			assertThat(w.message()).contains("a = 1.30e-08", "23 days");
		});
		assertThat(FitWarning.of(CDNOW, new GammaGamma(6.25, 3.74, 15.44, Double.NaN), 273)).isEmpty();
	}

	private static double lnBeta(double p, double q) {
		return Gamma.logGamma(p) + Gamma.logGamma(q) - Gamma.logGamma(p + q);
	}
}
