package io.kizuna.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSettings;
import io.kizuna.health.SignalThresholds;
import io.kizuna.ltv.BgNbd;
import io.kizuna.ltv.CustomerHistory;
import io.kizuna.ltv.Transaction;
import io.kizuna.ltv.TransactionSummaries;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reduced run of every benchmark in one process, for checking regressions by hand in under two minutes: ingestion
 * through HTTP (driver forked) against raw COPY, the rollup fold, rescoring of 5,000 accounts, the BG/NBD fit and
 * the server's memory. Prints one table. Figures are small samples: compare them with each other, not with the
 * full benchmarks.
 *
 * bench/run.sh quick
 */
public final class QuickBenchmark {

	public static void main(String[] args) throws Exception {
		long started = System.nanoTime();
		List<String[]> rows = new ArrayList<>();
		try (BenchServer server = new BenchServer("target/bench-quick", 500)) {
			IngestionBenchmark.Summary ingestion = IngestionBenchmark.run(server, 3, 20, 4, 500);
			rows.add(row("ingestion HTTP /v1/batch (4 clients × 20 × 500, 3 rounds)",
					"%,.0f events/s".formatted(BenchServer.median(ingestion.http())), BenchServer.spread(ingestion.http())));
			rows.add(row("raw COPY, same rows, same run", "%,.0f rows/s".formatted(BenchServer.median(ingestion.copy())),
					BenchServer.spread(ingestion.copy())));
			rows.add(row("HTTP ÷ COPY (median of the rounds' ratios)", "%.2f".formatted(ingestion.ratio()), ""));
			rows.add(row("CPU per 1,000 events, server JVM + PostgreSQL: HTTP / COPY",
					"%.0f / %.0f ms".formatted(BenchServer.median(ingestion.httpCpu()), BenchServer.median(ingestion.copyCpu())),
					"driver %.0f ms".formatted(BenchServer.median(ingestion.driverCpu()))));
			rows.add(row("batch latency p50 / p99", "%.0f / %.0f ms".formatted(BenchServer.median(ingestion.p50()),
					BenchServer.median(ingestion.p99())), ""));
			rows.add(row("rollup fold", "%,.0f events/s".formatted(ingestion.folded() / ingestion.foldSeconds()),
					"%,d events in %.1f s".formatted(ingestion.folded(), ingestion.foldSeconds())));
			rows.add(row("rescoring 5,000 accounts × 90 days", "%d ms".formatted(rescoring(server, 5_000, 3)), "median of 3"));
			rows.addAll(revenue(server, 10_000, 5));
			rows.add(row("server memory idle", "RSS %d MB".formatted(ingestion.idleRss()),
					"heap %d MB".formatted(ingestion.idleHeap())));
			rows.add(row("server memory peak under ingestion", "RSS %d MB".formatted(ingestion.peakRss()),
					"heap %d MB".formatted(ingestion.peakHeap())));
		}
		rows.add(ltv());
		System.out.printf("%nquick benchmark, %s, %.0f s in all%n", BenchServer.machine(),
				(System.nanoTime() - started) / 1e9);
		System.out.printf("| %-58s | %-20s | %-26s |%n", "what", "median", "spread / detail");
		System.out.printf("|%s|%s|%s|%n", "-".repeat(60), "-".repeat(22), "-".repeat(28));
		for (String[] row : rows) {
			System.out.printf("| %-58s | %-20s | %-26s |%n", (Object[]) row);
		}
	}

	/** The revenue read model on N accounts × three years: its build, and two queries against the direct ones. */
	private static List<String[]> revenue(BenchServer server, int accounts, int runs) {
		WorkspaceId workspace = server.bean(WorkspaceManagement.class)
			.create(new NewWorkspace("bench-revenue", "Bench", "JPY", "Asia/Tokyo", "ja"))
			.id();
		JdbcClient jdbc = server.bean(JdbcClient.class);
		io.kizuna.revenue.MrrMovements mrr = server.bean(io.kizuna.revenue.MrrMovements.class);
		io.kizuna.revenue.RevenueCohorts cohorts = server.bean(io.kizuna.revenue.RevenueCohorts.class);
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
		java.time.YearMonth to = java.time.YearMonth.from(today);
		RevenueBenchmark.Fixture.load(jdbc, workspace, accounts, today);
		long build = System.nanoTime();
		mrr.monthly(workspace, to.minusMonths(11), to);
		double buildMs = (System.nanoTime() - build) / 1e6;
		io.kizuna.revenue.CohortQuery plans = new io.kizuna.revenue.CohortQuery(to.minusMonths(35), to,
				io.kizuna.revenue.CohortQuery.Measure.REVENUE, io.kizuna.revenue.CohortQuery.Breakdown.PLAN, null);
		double cohortsMs = medianMillis(runs, () -> cohorts.matrix(workspace, plans));
		double directCohortsMs = medianMillis(runs, () -> io.kizuna.revenue.RevenueOracle.matrix(jdbc, workspace, plans));
		double mrrMs = medianMillis(runs, () -> mrr.monthly(workspace, to.minusMonths(11), to));
		double directMrrMs = medianMillis(runs,
				() -> io.kizuna.revenue.RevenueOracle.monthly(jdbc, workspace, to.minusMonths(11), to));
		return List.of(
				row("revenue read model: first build, %,d accounts × 3 years".formatted(accounts),
						"%.0f ms".formatted(buildMs), "every account's steps"),
				row("cohorts 36 months by plan: read model / direct", "%.0f / %.0f ms".formatted(cohortsMs,
						directCohortsMs), "median of %d".formatted(runs)),
				row("MRR movements + NRR 12 months: read model / direct", "%.0f / %.0f ms".formatted(mrrMs, directMrrMs),
						"median of %d".formatted(runs)));
	}

	private static double medianMillis(int runs, Runnable work) {
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			long start = System.nanoTime();
			work.run();
			millis.add((System.nanoTime() - start) / 1e6);
		}
		return BenchServer.median(millis);
	}

	private static long rescoring(BenchServer server, int accounts, int runs) {
		WorkspaceId workspace = server.bean(WorkspaceManagement.class)
			.create(new NewWorkspace("bench", "Bench", "JPY", "Asia/Tokyo", "ja"))
			.id();
		server.bean(HealthAdministration.class).saveSettings(workspace,
				new HealthSettings(List.of("Report Created", "Integration Connected"), SignalThresholds.defaults()));
		HealthScoring scoring = server.bean(HealthScoring.class);
		LocalDate day = scoring.today(workspace).minusDays(1);
		RescoringBenchmark.Fixture.load(server.bean(JdbcClient.class), workspace, accounts, day);
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			millis.add((double) scoring.recompute(workspace, day).millis());
		}
		return Math.round(BenchServer.median(millis));
	}

	private static String[] ltv() throws Exception {
		Path cdnow = datasets().resolve("cdnow/CDNOW_sample.txt");
		if (!Files.exists(cdnow)) {
			return row("BG/NBD fit, CDNOW", "skipped", "no " + cdnow);
		}
		List<Transaction> log = Files.readAllLines(cdnow)
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty())
			.map(line -> line.split("\\s+"))
			.map(f -> new Transaction(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])))
			.toList();
		List<CustomerHistory> customers = TransactionSummaries.calibrate(log, LocalDate.of(1997, 9, 30));
		List<Double> millis = new ArrayList<>();
		BgNbd fit = null;
		for (int i = 0; i < 5; i++) {
			long t0 = System.nanoTime();
			fit = BgNbd.fit(customers);
			millis.add((System.nanoTime() - t0) / 1e6);
		}
		return row("BG/NBD fit, CDNOW %,d customers".formatted(customers.size()),
				"%.0f ms".formatted(BenchServer.median(millis)),
				"r %.3f α %.3f a %.3f b %.3f".formatted(fit.r(), fit.alpha(), fit.a(), fit.b()));
	}

	static Path datasets() {
		for (String candidate : List.of(System.getProperty("kizuna.datasets", ""), "../shared/datasets",
				"../../shared/datasets")) {
			if (!candidate.isEmpty() && Files.isDirectory(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return Path.of("../shared/datasets");
	}

	private static String[] row(String what, String median, String detail) {
		return new String[] { what, median, detail };
	}

	private QuickBenchmark() {
	}
}
