package io.kizuna.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import io.kizuna.ltv.BgNbd;
import io.kizuna.ltv.CustomerHistory;
import io.kizuna.ltv.GammaGamma;
import io.kizuna.ltv.Rfm;
import io.kizuna.ltv.ShiftedBetaGeometric;
import io.kizuna.ltv.Transaction;
import io.kizuna.ltv.TransactionSummaries;

/**
 * Fits the models on the shared data sets, prints parameters to more decimals than published, and times BG/NBD on
 * CDNOW and on 25,000 customers resampled from it. bench/run.sh ltv [runs=5]
 */
public final class LtvFitBenchmark {

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		List<Transaction> log = Files.readAllLines(io.kizuna.SharedDatasets.resolve("cdnow/CDNOW_sample.txt"))
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty())
			.map(line -> line.split("\\s+"))
			.map(f -> new Transaction(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])))
			.toList();
		List<CustomerHistory> cdnow = TransactionSummaries.calibrate(log, LocalDate.of(1997, 9, 30));
		BgNbd bgnbd = BgNbd.fit(cdnow);
		GammaGamma spend = GammaGamma.fit(cdnow);
		ShiftedBetaGeometric sbg = ShiftedBetaGeometric.fit(new int[] { 1000, 631, 468, 382, 326, 289, 262, 241 });
		System.out.printf("BG/NBD r=%.5f alpha=%.5f a=%.5f b=%.5f LL=%.3f%n", bgnbd.r(), bgnbd.alpha(), bgnbd.a(),
				bgnbd.b(), bgnbd.logLikelihood());
		System.out.printf("Gamma-Gamma p=%.5f q=%.5f gamma=%.5f LL=%.3f%n", spend.p(), spend.q(), spend.gamma(),
				spend.logLikelihood());
		System.out.printf("sBG alpha=%.5f beta=%.5f LL=%.4f%n", sbg.alpha(), sbg.beta(), sbg.logLikelihood());
		SplittableRandom random = new SplittableRandom(7);
		List<CustomerHistory> large = new ArrayList<>(25_000);
		for (int i = 0; i < 25_000; i++) {
			// Resampled CDNOW customers with times jittered within their day, so no two histories coincide.
			CustomerHistory c = cdnow.get(random.nextInt(cdnow.size()));
			double T = c.T() + random.nextDouble() / 7;
			double tx = c.x() == 0 ? 0 : Math.min(T, c.tx() + random.nextDouble() / 7);
			large.add(new CustomerHistory(c.customerId(), c.x(), tx, T, c.meanRepeatValue()));
		}
		for (List<CustomerHistory> sample : List.of(cdnow, large)) {
			time("BG/NBD fit on %,d customers".formatted(sample.size()), runs, () -> BgNbd.fit(sample));
		}
		// What the product adds on the same 25,000 customers: RFM, and CLV of every customer (12 months, monthly
		// discounting), with the BG/NBD fit above as the baseline measured in this process.
		List<Transaction> largeLog = resampledLog(log, 25_000, new SplittableRandom(11));
		LocalDate asOf = LocalDate.of(1998, 6, 30);
		time("RFM on %,d customers (%,d purchases)".formatted(25_000, largeLog.size()), runs,
				() -> Rfm.segment(largeLog, asOf));
		BgNbd fitted = BgNbd.fit(large);
		GammaGamma spendFitted = GammaGamma.fit(large);
		time("CLV of %,d customers, 12 months".formatted(large.size()), runs, () -> {
			double total = 0;
			for (CustomerHistory c : large) {
				double previous = 0;
				for (int i = 1; i <= 12; i++) {
					double cumulative = fitted.conditionalExpectedPurchases(i * 52.0 / 12, c);
					total += (cumulative - previous) / Math.pow(1.008, i) * spendFitted.expectedSpend(c);
					previous = cumulative;
				}
			}
			return total;
		});
		// sBG per plan: 3 plans × 10,000 subscriptions started over 36 months, churn θ ~ Beta(α, β) per plan.
		long[][][] plans = syntheticPlans(new SplittableRandom(3), new double[][] { { 0.7, 1.2 }, { 1.5, 6 }, { 3, 20 } },
				10_000, 36);
		time("sBG fit of 3 plans × 10,000 subscriptions (36 months)", runs, () -> {
			double sum = 0;
			for (long[][] plan : plans) {
				ShiftedBetaGeometric fit = ShiftedBetaGeometric.fitLifetimes(plan[0], plan[1]);
				sum += fit.alpha();
			}
			return sum;
		});
		for (long[][] plan : plans) {
			ShiftedBetaGeometric fit = ShiftedBetaGeometric.fitLifetimes(plan[0], plan[1]);
			System.out.printf("  plan fit alpha=%.3f beta=%.3f%n", fit.alpha(), fit.beta());
		}
	}

	private static void time(String what, int runs, java.util.function.Supplier<Object> work) {
		List<Long> millis = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			long started = System.nanoTime();
			work.get();
			millis.add((System.nanoTime() - started) / 1_000_000);
		}
		Collections.sort(millis);
		System.out.printf("%s: median %d ms (min %d, max %d) over %d runs%n", what, millis.get(millis.size() / 2),
				millis.get(0), millis.get(millis.size() - 1), runs);
	}

	/** Customers drawn from the log with all their purchases, under new ids. */
	private static List<Transaction> resampledLog(List<Transaction> log, int customers, SplittableRandom random) {
		java.util.Map<String, List<Transaction>> byCustomer = new java.util.LinkedHashMap<>();
		log.forEach(t -> byCustomer.computeIfAbsent(t.customerId(), id -> new ArrayList<>()).add(t));
		List<List<Transaction>> histories = new ArrayList<>(byCustomer.values());
		List<Transaction> resampled = new ArrayList<>();
		for (int i = 0; i < customers; i++) {
			String id = "c" + i;
			histories.get(random.nextInt(histories.size()))
				.forEach(t -> resampled.add(new Transaction(id, t.date(), t.amount())));
		}
		return resampled;
	}

	/** Per plan: lost[t] and alive[t] (censored) counts, starts spread evenly over {@code months}. */
	private static long[][][] syntheticPlans(SplittableRandom random, double[][] alphaBeta, int size, int months) {
		long[][][] plans = new long[alphaBeta.length][][];
		for (int p = 0; p < alphaBeta.length; p++) {
			org.apache.commons.math3.distribution.BetaDistribution theta = new org.apache.commons.math3.distribution.BetaDistribution(
					new org.apache.commons.math3.random.Well19937c(random.nextLong()), alphaBeta[p][0], alphaBeta[p][1]);
			long[] lost = new long[months + 1];
			long[] alive = new long[months + 1];
			for (int i = 0; i < size; i++) {
				int observed = 1 + random.nextInt(months);
				double churn = theta.sample();
				int t = 1;
				while (t <= observed && random.nextDouble() >= churn) {
					t++;
				}
				if (t <= observed) {
					lost[t]++;
				}
				else {
					alive[observed]++;
				}
			}
			plans[p] = new long[][] { lost, alive };
		}
		return plans;
	}

	private LtvFitBenchmark() {
	}
}
