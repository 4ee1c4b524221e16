package io.kizuna.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * Concurrent clients posting realistic Segment batches (~380-byte track events with unique messageIds). Runs in a
 * JVM of its own so that the figure measures the server, not the driver: the benchmark forks it and sends one line
 * {@code round <batchesPerClient>} per round on stdin; it answers {@code result <events/s> <p50 ms> <p99 ms>}.
 *
 * java -cp … io.kizuna.bench.LoadDriver URL WRITE_KEY clients batchSize accounts
 */
public final class LoadDriver {

	static final String[] EVENTS = { "Report Created", "Dashboard Viewed", "Export Downloaded", "Invite Sent", "Login",
			"Integration Connected" };

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String url;

	private final String auth;

	private final int clients;

	private final int batchSize;

	private final int accounts;

	private int run;

	LoadDriver(String baseUrl, String key, int clients, int batchSize, int accounts) {
		if (!baseUrl.startsWith("http://127.") && !baseUrl.startsWith("http://localhost")) {
			throw new IllegalArgumentException("loopback targets only");
		}
		this.url = baseUrl + "/v1/batch";
		this.auth = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
		this.clients = clients;
		this.batchSize = batchSize;
		this.accounts = accounts;
	}

	public static void main(String[] args) throws Exception {
		LoadDriver driver = new LoadDriver(args[0], args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
				Integer.parseInt(args[4]));
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null) {
			String[] command = line.trim().split(" ");
			if (command[0].equals("round")) {
				Result result = driver.round(Integer.parseInt(command[1]));
				System.out.printf("result %.1f %.2f %.2f%n", result.eventsPerSecond(), result.p50(), result.p99());
				System.out.flush();
			}
			else if (command[0].equals("quit")) {
				break;
			}
		}
		System.exit(0);
	}

	record Result(double eventsPerSecond, double p50, double p99) {

		static Result parse(String line) {
			String[] f = line.split(" ");
			return new Result(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
		}
	}

	Result round(int batches) throws Exception {
		int round = ++run;
		// Bodies are built before the clock starts: the driver measures the server, not itself.
		List<List<byte[]>> bodies = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			SplittableRandom random = new SplittableRandom(round * 100L + c);
			List<byte[]> mine = new ArrayList<>();
			String prefix = Long.toString(System.currentTimeMillis(), 36);
			for (int b = 0; b < batches; b++) {
				mine.add(batch(random, prefix + "-" + round + "-" + c + "-" + b).getBytes(StandardCharsets.UTF_8));
			}
			bodies.add(mine);
		}
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long started = System.nanoTime();
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			List<byte[]> mine = bodies.get(c);
			work.add(pool.submit(() -> {
				for (byte[] body : mine) {
					long t0 = System.nanoTime();
					HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
						.header("Authorization", auth)
						.header("Content-Type", "application/json")
						.timeout(Duration.ofSeconds(60))
						.POST(HttpRequest.BodyPublishers.ofByteArray(body))
						.build(), HttpResponse.BodyHandlers.ofString());
					latencies.add(System.nanoTime() - t0);
					if (response.statusCode() != 200) {
						throw new IllegalStateException(response.statusCode() + " " + response.body());
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
				sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6);
	}

	private String batch(SplittableRandom random, String prefix) {
		return batch(random, prefix, batchSize, accounts);
	}

	/** A /v1/batch body of track events as the load driver sends them (also used by the JMH benchmarks). */
	public static String batch(SplittableRandom random, String prefix, int batchSize, int accounts) {
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
