package io.kizuna.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.kizuna.KizunaApplication;
import io.kizuna.shared.PostgresCopy;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingestion through HTTP against the physical baseline, in one process and one run: Segment batches over loopback
 * (parse, validate, dedup, COPY, commit with fsync on), then a raw pgjdbc COPY of the same number of rows of the
 * same shape into the same table, then the rollup fold. Memory is read from /proc at idle and under load.
 *
 * bench/run.sh ingestion [rounds=3] [batchesPerClient=60] [clients=4] [batchSize=500]
 */
public final class IngestionBenchmark {

	static final String KEY = "wk_bench_ingestion_key";

	static final String[] EVENTS = { "Report Created", "Dashboard Viewed", "Export Downloaded", "Invite Sent", "Login",
			"Integration Connected" };

	public static void main(String[] args) throws Exception {
		int rounds = arg(args, 0, 3);
		int batches = arg(args, 1, 60);
		int clients = arg(args, 2, 4);
		int batchSize = arg(args, 3, 500);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class).run(
				"--server.port=0", "--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-ingest").toAbsolutePath(),
				"--kizuna.embedded-postgres.clean=true", "--kizuna.bootstrap.write-key=" + KEY,
				"--kizuna.usage.rollup-interval=1h", "--kizuna.rate-limit.ingest.per-second=1000000",
				"--kizuna.rate-limit.ingest.burst=1000000", "--logging.level.root=WARN")) {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			WorkspaceId workspace = app.getBean(WorkspaceManagement.class).findBySlug("default").orElseThrow().id();
			var accounts = app.getBean(io.kizuna.accounts.AccountManagement.class);
			for (int a = 0; a < 500; a++) {
				accounts.saveAccount(workspace, "bench-acct-" + a, io.kizuna.accounts.AccountDraft.named("Bench " + a));
			}
			System.out.printf("machine: %d cores, JDK %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
			System.out.printf("idle: RSS %d MB, heap used %d MB%n", rssMb(), heapMb());
			Driver driver = new Driver("http://127.0.0.1:" + port, KEY, clients, batchSize, 500);
			driver.round("warm-up", batches / 3);
			List<Double> http = new ArrayList<>();
			List<Double> copy = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				Driver.Result result = driver.round("round " + round, batches);
				http.add(result.eventsPerSecond());
				System.out.printf("round %d HTTP: %,.0f events/s, batch p50 %.1f ms, p99 %.1f ms, RSS %d MB, heap %d MB%n",
						round, result.eventsPerSecond(), result.p50(), result.p99(), result.rss(), result.heap());
				long rows = (long) batches * clients * batchSize;
				double copied = copyBaseline(app, workspace, rows, round);
				copy.add(copied);
				System.out.printf("round %d COPY: %,.0f rows/s; HTTP/COPY = %.2f%n", round, copied,
						result.eventsPerSecond() / copied);
			}
			long pending = app.getBean(JdbcClient.class)
				.sql("select count(*) from event where message_id not like 'copy-%'")
				.query(Long.class)
				.single();
			long started = System.nanoTime();
			app.getBean(UsageRollups.class).processPending();
			double foldSeconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("rollups: %,d events folded in %.1f s = %,.0f events/s%n", pending, foldSeconds,
					pending / foldSeconds);
			System.out.printf("median HTTP %,.0f events/s, median COPY %,.0f rows/s, ratio %.2f%n", median(http),
					median(copy), median(http) / median(copy));
		}
	}

	/** The same row shape the HTTP path writes, COPYed straight into the event table in one transaction. */
	static double copyBaseline(ConfigurableApplicationContext app, WorkspaceId workspace, long rows, int round) {
		DataSource dataSource = app.getBean(DataSource.class);
		TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
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
								EVENTS[random.nextInt(EVENTS.length)], "bench-u-" + random.nextInt(10_000), null, null,
								properties, context);
					}
				});
			}
		});
		return rows / ((System.nanoTime() - started) / 1e9);
	}

	static long rssMb() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter(line -> line.startsWith("VmRSS:"))
				.map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	static long heapMb() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	static int arg(String[] args, int index, int fallback) {
		return args.length > index ? Integer.parseInt(args[index]) : fallback;
	}

	/** Concurrent clients posting realistic batches (~380-byte events) with unique messageIds. */
	static final class Driver {

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final String url;

		private final String key;

		private final int clients;

		private final int batchSize;

		private final int accounts;

		private int run;

		Driver(String baseUrl, String key, int clients, int batchSize, int accounts) {
			if (!baseUrl.startsWith("http://127.") && !baseUrl.startsWith("http://localhost")) {
				throw new IllegalArgumentException("loopback targets only");
			}
			this.url = baseUrl + "/v1/batch";
			this.key = key;
			this.clients = clients;
			this.batchSize = batchSize;
			this.accounts = accounts;
		}

		record Result(double eventsPerSecond, double p50, double p99, long rss, long heap) {
		}

		Result round(String name, int batches) throws Exception {
			String auth = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes());
			int round = ++run;
			// Bodies are built before the clock starts: the driver measures the server, not itself.
			List<List<String>> bodies = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				SplittableRandom random = new SplittableRandom(round * 100L + c);
				List<String> mine = new ArrayList<>();
				for (int b = 0; b < batches; b++) {
					mine.add(batch(random, round + "-" + c + "-" + b));
				}
				bodies.add(mine);
			}
			List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
			long[] peak = new long[2];
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			long started = System.nanoTime();
			List<Future<?>> work = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				List<String> mine = bodies.get(c);
				work.add(pool.submit(() -> {
					for (String body : mine) {
						long t0 = System.nanoTime();
						HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
							.header("Authorization", auth)
							.header("Content-Type", "application/json")
							.timeout(Duration.ofSeconds(60))
							.POST(HttpRequest.BodyPublishers.ofString(body))
							.build(), HttpResponse.BodyHandlers.ofString());
						latencies.add(System.nanoTime() - t0);
						if (response.statusCode() != 200) {
							throw new IllegalStateException(response.statusCode() + " " + response.body());
						}
						synchronized (peak) {
							peak[0] = Math.max(peak[0], rssMb());
							peak[1] = Math.max(peak[1], heapMb());
						}
					}
					return null;
				}));
			}
			for (Future<?> f : work) {
				f.get();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			pool.shutdown();
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return new Result((double) clients * batches * batchSize / seconds, sorted.get(sorted.size() / 2) / 1e6,
					sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6, peak[0],
					peak[1]);
		}

		private String batch(SplittableRandom random, String prefix) {
			StringBuilder body = new StringBuilder(batchSize * 420).append("{\"batch\":[");
			String now = Instant.now().toString();
			for (int i = 0; i < batchSize; i++) {
				int account = random.nextInt(accounts);
				body.append(i == 0 ? "" : ",")
					.append("{\"type\":\"track\",\"messageId\":\"").append(prefix).append('-').append(i)
					.append("\",\"userId\":\"bench-u-").append(account).append('-').append(random.nextInt(20))
					.append("\",\"event\":\"").append(EVENTS[random.nextInt(EVENTS.length)])
					.append("\",\"timestamp\":\"").append(now)
					.append("\",\"context\":{\"groupId\":\"bench-acct-").append(account)
					.append("\",\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.1\"},\"ip\":\"203.0.113.")
					.append(random.nextInt(255)).append("\",\"locale\":\"ja-JP\"},\"properties\":{\"plan\":\"standard\",\"rows\":")
					.append(random.nextInt(1000)).append(",\"duration_ms\":").append(random.nextInt(60000))
					.append(",\"path\":\"/reports/").append(random.nextInt(100000)).append("\",\"title\":\"月次レポート\"}}");
			}
			return body.append("],\"sentAt\":\"").append(now).append("\"}").toString();
		}
	}

	private IngestionBenchmark() {
	}
}
