package io.kizuna.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import io.kizuna.shared.PostgresCopy;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.UsageRollups;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingestion through HTTP against the physical baseline, in one run: the server (this JVM) takes Segment batches
 * over loopback from a load driver in a JVM of its own (parse, validate, dedup, COPY, commit with fsync on), then
 * this JVM COPYs the same number of rows of the same shape straight into the same table, then folds the rollups.
 * Memory is this JVM's (the server's), at idle and at its peak during each HTTP round.
 *
 * bench/run.sh ingestion [rounds=5] [batchesPerClient=60] [clients=4] [batchSize=500]
 */
public final class IngestionBenchmark {

	public static void main(String[] args) throws Exception {
		try (BenchServer server = new BenchServer("target/bench-ingest", 500)) {
			Summary summary = run(server, BenchServer.arg(args, 0, 5), BenchServer.arg(args, 1, 60),
					BenchServer.arg(args, 2, 4), BenchServer.arg(args, 3, 500));
			System.out.println(summary);
		}
	}

	/**
	 * @param httpCpu CPU ms per 1,000 events of the server's JVM and its PostgreSQL on the HTTP path, per round
	 * @param copyCpu the same for the raw COPY
	 * @param driverCpu CPU ms per 1,000 events of the load driver's JVM
	 */
	record Summary(List<Double> http, List<Double> copy, List<Double> p50, List<Double> p99, long idleRss, long idleHeap,
			long peakRss, long peakHeap, long folded, double foldSeconds, String machine, List<Double> httpCpu,
			List<Double> copyCpu, List<Double> driverCpu) {

		/** The median of the rounds' own ratios: HTTP and COPY of one round ran under the same conditions. */
		double ratio() {
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < http.size(); i++) {
				ratios.add(http.get(i) / copy.get(i));
			}
			return BenchServer.median(ratios);
		}

		@Override
		public String toString() {
			return String.format("""
					%s
					HTTP  median %,.0f events/s (rounds %s)
					COPY  median %,.0f rows/s (rounds %s)
					HTTP ÷ COPY %.2f (median of the rounds' ratios); batch p50 %.1f ms, p99 %.1f ms (medians)
					CPU per 1,000 events (server JVM + its PostgreSQL): HTTP %.0f ms, COPY %.0f ms, COPY ÷ HTTP %.2f; \
					load driver %.0f ms
					memory (server): idle RSS %d MB heap %d MB; peak under load RSS %d MB heap %d MB
					rollups: %,d events folded in %.1f s = %,.0f events/s""", machine, BenchServer.median(http),
					BenchServer.spread(http), BenchServer.median(copy), BenchServer.spread(copy), ratio(),
					BenchServer.median(p50), BenchServer.median(p99), BenchServer.median(httpCpu),
					BenchServer.median(copyCpu), BenchServer.median(copyCpu) / BenchServer.median(httpCpu),
					BenchServer.median(driverCpu), idleRss, idleHeap, peakRss, peakHeap, folded,
					foldSeconds, folded / foldSeconds);
		}
	}

	static Summary run(BenchServer server, int rounds, int batches, int clients, int batchSize) throws Exception {
		{
			String machine = BenchServer.machine();
			System.out.println("machine: " + machine);
			System.gc();
			long idleRss = BenchServer.rssMb();
			long idleHeap = BenchServer.heapMb();
			System.out.printf("idle: RSS %d MB, heap used %d MB%n", idleRss, idleHeap);
			List<Double> http = new ArrayList<>();
			List<Double> copy = new ArrayList<>();
			List<Double> p50 = new ArrayList<>();
			List<Double> p99 = new ArrayList<>();
			List<Double> httpCpu = new ArrayList<>();
			List<Double> copyCpu = new ArrayList<>();
			List<Double> driverCpu = new ArrayList<>();
			long postmaster = server.postmaster();
			long peakRss = 0;
			long peakHeap = 0;
			try (BenchServer.ForkedDriver driver = new BenchServer.ForkedDriver(server.url(), BenchServer.KEY, clients,
					batchSize, server.accounts)) {
				// A warm-up as long as a round: the figures are the sustained rate of a JIT-compiled server.
				driver.round(batches);
				for (int round = 1; round <= rounds; round++) {
					LoadDriver.Result result;
					double events = (double) batches * clients * batchSize;
					long cpu = BenchServer.Cpu.self() + BenchServer.Cpu.postgres(postmaster);
					long jvm = BenchServer.Cpu.self();
					long driverStart = BenchServer.Cpu.process(driver.pid());
					try (BenchServer.MemoryPeak peak = new BenchServer.MemoryPeak()) {
						result = driver.round(batches);
						peakRss = Math.max(peakRss, peak.rss);
						peakHeap = Math.max(peakHeap, peak.heap);
					}
					httpCpu.add((BenchServer.Cpu.self() + BenchServer.Cpu.postgres(postmaster) - cpu) / events * 1000);
					driverCpu.add((BenchServer.Cpu.process(driver.pid()) - driverStart) / events * 1000);
					System.out.printf("round %d: of which the server JVM %.0f ms per 1,000 events%n", round,
							(BenchServer.Cpu.self() - jvm) / events * 1000);
					http.add(result.eventsPerSecond());
					p50.add(result.p50());
					p99.add(result.p99());
					cpu = BenchServer.Cpu.self() + BenchServer.Cpu.postgres(postmaster);
					double copied = copyBaseline(server, (long) batches * clients * batchSize, round);
					copyCpu.add((BenchServer.Cpu.self() + BenchServer.Cpu.postgres(postmaster) - cpu) / events * 1000);
					copy.add(copied);
					System.out.printf("round %d: HTTP %,.0f events/s (batch p50 %.1f ms, p99 %.1f ms), COPY %,.0f rows/s,"
							+ " HTTP/COPY %.2f; CPU ms per 1,000: HTTP %.0f, COPY %.0f, driver %.0f; load %s%n", round,
							result.eventsPerSecond(), result.p50(), result.p99(), copied, result.eventsPerSecond() / copied,
							httpCpu.get(round - 1), copyCpu.get(round - 1), driverCpu.get(round - 1), BenchServer.loadAverage());
				}
			}
			long pending = server.bean(JdbcClient.class)
				.sql("select count(*) from event where message_id not like 'copy-%'")
				.query(Long.class)
				.single();
			long started = System.nanoTime();
			server.bean(UsageRollups.class).processPending();
			double foldSeconds = (System.nanoTime() - started) / 1e9;
			return new Summary(http, copy, p50, p99, idleRss, idleHeap, peakRss, peakHeap, pending, foldSeconds, machine,
					httpCpu, copyCpu, driverCpu);
		}
	}

	/**
	 * The same row shape the HTTP path writes, COPYed straight into the event table in one transaction. With an
	 * account, as the HTTP path's rows have: rows without one also enter the unattributed-event indexes (ADR 0041),
	 * which made the baseline slower, not the HTTP path faster.
	 */
	static double copyBaseline(BenchServer server, long rows, int round) {
		DataSource dataSource = server.bean(DataSource.class);
		TransactionTemplate transaction = server.bean(TransactionTemplate.class);
		WorkspaceId workspace = server.workspace;
		SplittableRandom random = new SplittableRandom(round);
		Instant now = Instant.now();
		String properties = "{\"plan\":\"standard\",\"rows\":12,\"duration_ms\":3456,\"path\":\"/reports/123\",\"title\":\"月次レポート\"}";
		String context = "{\"groupId\":\"bench-acct-1\",\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.1\"},"
				+ "\"ip\":\"203.0.113.7\",\"locale\":\"ja-JP\"}";
		long started = System.nanoTime();
		transaction.executeWithoutResult(status -> {
			for (long offset = 0; offset < rows; offset += 100_000) {
				long end = Math.min(rows, offset + 100_000);
				long from = offset;
				PostgresCopy.copy(dataSource, """
						copy event (workspace_id, occurred_at, received_at, message_id, type, event_name, user_id,
						            anonymous_id, account_id, properties, context)
						from stdin with (format csv)""", (int) (end - from), out -> {
					for (long i = from; i < end; i++) {
						out.add(workspace.value(), now, now, "copy-" + round + "-" + i, "track",
								LoadDriver.EVENTS[random.nextInt(LoadDriver.EVENTS.length)], "bench-u-" + random.nextInt(10_000),
								null, 1 + random.nextInt(100), properties, context);
					}
				});
			}
		});
		return rows / ((System.nanoTime() - started) / 1e9);
	}

	private IngestionBenchmark() {
	}
}
