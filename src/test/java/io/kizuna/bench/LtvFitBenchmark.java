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

import io.kizuna.revenue.BgNbd;
import io.kizuna.revenue.CustomerHistory;
import io.kizuna.revenue.GammaGamma;
import io.kizuna.revenue.ShiftedBetaGeometric;
import io.kizuna.revenue.Transaction;
import io.kizuna.revenue.TransactionSummaries;

/**
 * Fits the models on the shared data sets, prints parameters to more decimals than published, and times BG/NBD on
 * CDNOW and on 25,000 customers resampled from it. bench/run.sh ltv [runs=5]
 */
public final class LtvFitBenchmark {

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		List<Transaction> log = Files.readAllLines(Path.of("../shared/datasets/cdnow/CDNOW_sample.txt"))
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
			List<Long> millis = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				long started = System.nanoTime();
				BgNbd.fit(sample);
				millis.add((System.nanoTime() - started) / 1_000_000);
			}
			Collections.sort(millis);
			System.out.printf("BG/NBD fit on %,d customers: median %d ms (min %d, max %d) over %d runs%n", sample.size(),
					millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), runs);
		}
	}

	private LtvFitBenchmark() {
	}
}
