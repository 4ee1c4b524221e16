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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for the Segment batch endpoint on loopback, bounded in batches and time.
 *
 * java bench/IngestionLoad.java [url] [writeKey] [clients] [batchSize] [batchesPerClient] [maxSeconds] [accounts]
 * defaults: http://127.0.0.1:8080 wk_demo_write_key_0001 4 200 100 120 500
 */
public class IngestionLoad {

	static final String[] EVENTS = { "Report Created", "Dashboard Viewed", "Export Downloaded", "Invite Sent", "Login",
			"Integration Connected" };

	public static void main(String[] args) throws Exception {
		String url = arg(args, 0, "http://127.0.0.1:8080");
		String key = arg(args, 1, "wk_demo_write_key_0001");
		int clients = Integer.parseInt(arg(args, 2, "4"));
		int batchSize = Integer.parseInt(arg(args, 3, "200"));
		int batches = Integer.parseInt(arg(args, 4, "100"));
		long maxSeconds = Long.parseLong(arg(args, 5, "120"));
		int accounts = Integer.parseInt(arg(args, 6, "500"));
		if (!url.startsWith("http://127.") && !url.startsWith("http://localhost")) {
			throw new IllegalArgumentException("loopback targets only");
		}
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String auth = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
		String run = Long.toHexString(System.nanoTime());
		long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
		AtomicLong events = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> work = new ArrayList<>();
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			int client = c;
			work.add(pool.submit(() -> {
				SplittableRandom random = new SplittableRandom(client);
				for (int b = 0; b < batches && System.nanoTime() < deadline; b++) {
					String body = batch(random, run + "-" + client + "-" + b, batchSize, accounts);
					HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/batch"))
						.header("Authorization", auth)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build();
					long t0 = System.nanoTime();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					latencies.add(System.nanoTime() - t0);
					if (response.statusCode() != 200) {
						throw new IllegalStateException(response.statusCode() + " " + response.body());
					}
					events.addAndGet(batchSize);
					bytes.addAndGet(body.length());
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - start) / 1e9;
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		System.out.printf("events=%d seconds=%.2f events_per_s=%.0f avg_event_bytes=%d p50_ms=%.1f p99_ms=%.1f%n",
				events.get(), seconds, events.get() / seconds, bytes.get() / Math.max(1, events.get()),
				sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)) / 1e6);
	}

	static String batch(SplittableRandom random, String prefix, int size, int accounts) {
		StringBuilder body = new StringBuilder(size * 450).append("{\"batch\":[");
		String now = Instant.now().toString();
		for (int i = 0; i < size; i++) {
			int account = random.nextInt(accounts);
			int user = random.nextInt(20);
			body.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"messageId\":\"").append(prefix).append('-').append(i)
				.append("\",\"userId\":\"bench-u-").append(account).append('-').append(user)
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

	static String arg(String[] args, int i, String fallback) {
		return args.length > i ? args[i] : fallback;
	}
}
