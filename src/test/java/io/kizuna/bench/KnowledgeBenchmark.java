package io.kizuna.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.KizunaApplication;
import io.kizuna.knowledge.ArticleDraft;
import io.kizuna.knowledge.Audience;
import io.kizuna.knowledge.CategoryDraft;
import io.kizuna.knowledge.KnowledgeBench;
import io.kizuna.knowledge.KnowledgeManagement;
import io.kizuna.knowledge.SearchResults;
import io.kizuna.knowledge.SnippetPiece;
import io.kizuna.knowledge.TranslationDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.TokenScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench/run.sh knowledge [articles=10000] [runs=5] [requests=1000]}: the knowledge base as issue 17 measures
 * it (runs=0: searches and pages only, no reindex), on Kizuna started in this JVM (BenchServer: embedded PostgreSQL, fsync on, scheduling off so no background job
 * interferes).
 * <ol>
 * <li>N generated articles (KnowledgeArticles: Markdown, ja or en, three in ten in both languages, 300–4,000
 * characters) created, translated and published through {@link KnowledgeManagement}, 100 to a transaction; the
 * node's index then catches up from the change log.</li>
 * <li>The full reindex from PostgreSQL, {@link KnowledgeManagement#reindex} (what {@code knowledge reindex} runs), in
 * the server {@code runs} times: median and spread. After the server has stopped, the real command
 * ({@code io.kizuna.KizunaApplication knowledge reindex} in a JVM of its own, as {@code java -jar kizuna.jar} runs it)
 * up to three times: its own "reindex done" time and the wall time with start-up.</li>
 * <li>Search with highlighting, a mix of ja queries (inflected forms, compounds, one or two characters) and en ones
 * (with typos): on the index alone, through {@link KnowledgeManagement#search} (which logs the search), over HTTP
 * {@code GET /api/v1/knowledge/search} with an API token and {@code GET /help/default/search} as a visitor.</li>
 * <li>The public article page {@code /help/default/articles/{id}?lang=ja|en} over HTTP as an anonymous visitor
 * (a visitor cookie from a pool of 200), random articles.</li>
 * </ol>
 * Every series has 10 % warm-up and its own baseline interleaved request by request (the machine has 2 cores and is
 * shared): {@code select 1} over the same JDBC pool for in-process series, {@code GET /css/kizuna.css} for HTTP ones.
 * The help center's per-visitor rate limit (20/s, burst 100 from one address) and the API's (50/s, burst 200 per
 * token) would answer 429 to a sequential client on loopback; both are raised to 1,000,000/s here and every response
 * is checked to be 200. {@code BENCH_REUSE=1} keeps the previous fixture (target/bench-knowledge).
 */
public final class KnowledgeBenchmark {

	private static final String SLUG = "default";

	/** kind, query. */
	private static final String[][] QUERIES = { { "ja inflected", "ログインできない" }, { "ja inflected", "ログインできません" },
			{ "ja inflected", "解約したい" }, { "ja inflected", "請求書が届かない" }, { "ja inflected", "届かない" },
			{ "ja inflected", "パスワードを忘れた" }, { "ja inflected", "通知されない" }, { "ja inflected", "変更したい" },
			{ "ja inflected", "削除できない" }, { "ja inflected", "エクスポートできません" },
			{ "ja compound", "二段階認証" }, { "ja compound", "請求書払い" }, { "ja compound", "支払い方法" },
			{ "ja compound", "メンバー招待" }, { "ja compound", "データ削除" }, { "ja compound", "シングルサインオン" },
			{ "ja compound", "二段階認証できない" }, { "ja compound", "パスワード再設定" }, { "ja compound", "監査ログ" },
			{ "ja compound", "CSVインポート 文字コード" }, { "ja short", "税" }, { "ja short", "請求" }, { "ja short", "通知" },
			{ "ja short", "権限" }, { "ja short", "招待" }, { "ja short", "設定" }, { "ja short", "削除" }, { "ja short", "月末" },
			{ "en", "invoice" }, { "en", "invoices" }, { "en", "cancel subscription" }, { "en", "cancelling" },
			{ "en", "password reset" }, { "en", "two-factor" }, { "en", "csv import" }, { "en", "slack integration" },
			{ "en", "webhook signature" }, { "en", "api token" }, { "en", "time zone" }, { "en", "sign in" },
			{ "en", "export reports" }, { "en", "emails do not arrive" }, { "en typo", "pasword" },
			{ "en typo", "invoce" }, { "en typo", "notifcation" }, { "en typo", "dashbord" } };

	public static void main(String[] args) throws Exception {
		int articles = BenchServer.arg(args, 0, 10_000);
		int runs = BenchServer.arg(args, 1, 5);
		int requests = BenchServer.arg(args, 2, 1_000);
		boolean reuse = Boolean.getBoolean("bench.reuse");
		String dataDir = "target/bench-knowledge";
		System.out.printf("machine: %s; date %s%n", BenchServer.machine(), java.time.OffsetDateTime.now());
		List<String> output = new ArrayList<>();
		if (!reuse) {
			// Not the server's clean=true: that deletes the data directory on close, and the command runs on it after.
			org.springframework.util.FileSystemUtils.deleteRecursively(Path.of(dataDir));
		}
		try (BenchServer server = new BenchServer(dataDir, 0, "--kizuna.scheduling.enabled=false",
				"--kizuna.embedded-postgres.clean=false", "--kizuna.knowledge.portal-rate.per-second=1000000",
				"--kizuna.knowledge.portal-rate.burst=1000000", "--kizuna.rate-limit.api.per-second=1000000",
				"--kizuna.rate-limit.api.burst=1000000")) {
			System.out.println("rate limits: help center and API raised to 1,000,000/s (defaults 20/s burst 100 per "
					+ "visitor address, 50/s burst 200 per token), so a sequential client on loopback never meets 429");
			WorkspaceId ws = server.workspace;
			KnowledgeManagement knowledge = server.bean(KnowledgeManagement.class);
			JdbcClient jdbc = server.bean(JdbcClient.class);
			long existing = knowledge.count(ws);
			if (existing == 0) {
				seed(server, knowledge, jdbc, articles);
			}
			else if (existing != articles) {
				throw new IllegalStateException("the reused fixture has " + existing + " articles; rerun without BENCH_REUSE");
			}
			else {
				System.out.printf("reused fixture: %,d articles%n", existing);
			}
			List<Long> ids = jdbc.sql("select article_id from knowledge_article where workspace_id = ? order by 1")
				.params(ws.value()).query(Long.class).list();

			// the full reindex, as `knowledge reindex` runs it
			System.out.printf("load before the reindex runs: %s%n", BenchServer.loadAverage());
			List<Double> reindex = new ArrayList<>();
			long versions = 0;
			for (int r = 0; r < runs; r++) {
				long t = System.nanoTime();
				versions = knowledge.reindex(done -> {
				});
				reindex.add((System.nanoTime() - t) / 1e9);
				System.out.printf("  reindex run %d: %,d language versions in %.1f s (load %s)%n", r + 1, versions,
						reindex.get(r), BenchServer.loadAverage());
			}
			if (runs > 0) {
				output.add(String.format("full reindex in the server (KnowledgeManagement.reindex), %,d language versions: "
					+ "median %.1f s over %d runs (%.1f–%.1f s)", versions, BenchServer.median(reindex), runs,
					Collections.min(reindex), Collections.max(reindex)));
			}

			Random random = new Random(7);
			List<String> visitors = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				visitors.add("benchvisitor" + String.format("%08d", random.nextInt(100_000_000)));
			}
			String token = server.bean(AccessKeys.class).issueApiToken(ws, "bench", TokenScope.READ).secret();
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = server.url();
			Callable<Double> selectOne = () -> time(() -> jdbc.sql("select 1").query(Integer.class).single());
			Callable<Double> staticAsset = () -> time(() -> get(http, base + "/css/kizuna.css", null, null));

			Map<String, List<Double>> byKind = new LinkedHashMap<>();
			int[] found = new int[3]; // searches, with hits, with a highlighted snippet
			List<Series> series = new ArrayList<>();
			series.add(measure("search: index alone (Lucene + highlighting, no log)", requests, () -> {
				String q = QUERIES[random.nextInt(QUERIES.length)][1];
				return time(() -> KnowledgeBench.indexSearch(server.app, ws.value(), q, true, 20));
			}, selectOne, "select 1"));
			series.add(measure("search: KnowledgeManagement.search (public, 20 hits, logged)", requests, () -> {
				String[] q = QUERIES[random.nextInt(QUERIES.length)];
				String visitor = visitors.get(random.nextInt(visitors.size()));
				long t = System.nanoTime();
				SearchResults results = knowledge.search(ws, q[1], Audience.PUBLIC, visitor, 20);
				double ms = (System.nanoTime() - t) / 1e6;
				byKind.computeIfAbsent(q[0], k -> new ArrayList<>()).add(ms);
				found[0]++;
				found[1] += results.hits().isEmpty() ? 0 : 1;
				found[2] += results.hits().stream().flatMap(h -> h.snippet().stream()).anyMatch(SnippetPiece::highlighted)
						? 1 : 0;
				return ms;
			}, selectOne, "select 1"));
			series.add(measure("search: GET /api/v1/knowledge/search (API token, 10 hits)", requests, () -> {
				String q = QUERIES[random.nextInt(QUERIES.length)][1];
				return time(() -> get(http, base + "/api/v1/knowledge/search?limit=10&q=" + encode(q), token, null));
			}, staticAsset, "GET /css/kizuna.css"));
			series.add(measure("search: GET /help/default/search (visitor, page of 20)", requests, () -> {
				String q = QUERIES[random.nextInt(QUERIES.length)][1];
				String lang = random.nextBoolean() ? "ja" : "en";
				String visitor = visitors.get(random.nextInt(visitors.size()));
				return time(() -> get(http, base + "/help/" + SLUG + "/search?lang=" + lang + "&q=" + encode(q), null,
						visitor));
			}, staticAsset, "GET /css/kizuna.css"));
			long[] bytes = { 0, 0 };
			series.add(measure("article page: GET /help/default/articles/{id}?lang=ja|en (anonymous visitor)", requests,
					() -> {
						long id = ids.get(random.nextInt(ids.size()));
						String lang = random.nextBoolean() ? "ja" : "en";
						String visitor = visitors.get(random.nextInt(visitors.size()));
						long t = System.nanoTime();
						String page = get(http, base + "/help/" + SLUG + "/articles/" + id + "?lang=" + lang, null, visitor);
						double ms = (System.nanoTime() - t) / 1e6;
						bytes[0] += page.length();
						bytes[1]++;
						return ms;
					}, staticAsset, "GET /css/kizuna.css"));

			series.add(measure("article page's reads alone: KnowledgeManagement.published + related (5)", requests,
					() -> {
						long id = ids.get(random.nextInt(ids.size()));
						return time(() -> knowledge.related(ws, knowledge.published(ws, id).orElseThrow(), true, "ja", 5));
					}, selectOne, "select 1"));
			series.add(measure("article page's writes alone: KnowledgeManagement.viewed (view count, visitor session)",
					requests, () -> {
						long id = ids.get(random.nextInt(ids.size()));
						String visitor = visitors.get(random.nextInt(visitors.size()));
						return time(() -> {
							knowledge.viewed(ws, id, java.time.ZoneId.of("Asia/Tokyo"),
									new io.kizuna.shared.PublicVisit(visitor, visitor));
							return null;
						});
					}, selectOne, "select 1"));

			System.out.println();
			output.forEach(System.out::println);
			System.out.printf("%-78s %5s %8s %8s %8s %8s | %-20s %7s %7s | %6s %6s | %s%n", "series", "n", "p50 ms",
					"p95 ms", "p99 ms", "max ms", "baseline", "p50 ms", "p95 ms", "×p50", "×p95", "load before");
			for (Series s : series) {
				System.out.printf("%-78s %5d %8.2f %8.2f %8.2f %8.2f | %-20s %7.2f %7.2f | %6.1f %6.1f | %s%n", s.name,
						s.ms.size(), pct(s.ms, 50), pct(s.ms, 95), pct(s.ms, 99), s.ms.get(s.ms.size() - 1), s.baselineName,
						pct(s.baseline, 50), pct(s.baseline, 95), pct(s.ms, 50) / pct(s.baseline, 50),
						pct(s.ms, 95) / pct(s.baseline, 95), s.load);
			}
			System.out.println("facade search by kind of query (warm-up included):");
			byKind.forEach((kind, ms) -> {
				Collections.sort(ms);
				System.out.printf("  %-13s n %4d  p50 %6.2f ms  p95 %6.2f ms%n", kind, ms.size(), pct(ms, 50), pct(ms, 95));
			});
			System.out.printf("facade searches with hits: %d of %d, with a highlighted snippet: %d%n", found[1], found[0],
					found[2]);
			System.out.printf("article page: %,d characters of HTML on average%n", bytes[0] / Math.max(1, bytes[1]));
			System.out.printf("load after: %s%n", BenchServer.loadAverage());
		}
		if (runs > 0) {
			cli(dataDir, Math.min(runs, 3));
		}
	}

	private static void seed(BenchServer server, KnowledgeManagement knowledge, JdbcClient jdbc, int articles) {
		WorkspaceId ws = server.workspace;
		System.out.printf("load before seeding: %s%n", BenchServer.loadAverage());
		long t0 = System.nanoTime();
		List<Long> categories = new ArrayList<>();
		for (String[] c : KnowledgeArticles.CATEGORIES) {
			categories.add(knowledge.createCategory(ws, new CategoryDraft(null, c[0], c[1], categories.size())).id());
		}
		TransactionTemplate tx = new TransactionTemplate(server.bean(PlatformTransactionManager.class));
		KnowledgeArticles generator = new KnowledgeArticles(42);
		long[] stats = { 0, 0, 0, 0 }; // language versions, ja versions, characters, both languages
		List<Integer> lengths = new ArrayList<>();
		for (int from = 0; from < articles; from += 100) {
			int first = from;
			int to = Math.min(articles, from + 100);
			tx.executeWithoutResult(status -> {
				for (int i = first; i < to; i++) {
					KnowledgeArticles.Topic a = generator.topic();
					KnowledgeArticles.Topic b = generator.topic();
					boolean ja = generator.nextInt(2) == 0;
					boolean both = generator.nextInt(10) < 3;
					long category = categories.get(generator.nextInt(categories.size()));
					List<String> tags = a.tag().equals(b.tag()) ? List.of(a.tag()) : List.of(a.tag(), b.tag());
					KnowledgeArticles.Text text = generator.text(ja, a, b, generator.length(), i);
					long id = knowledge.create(ws, new ArticleDraft(category, "public", tags), ja ? "ja" : "en",
							new TranslationDraft(text.title(), null, null, text.body()), "bench").id();
					count(stats, lengths, ja, text);
					if (both) {
						KnowledgeArticles.Text second = generator.text(!ja, a, b, generator.length(), i);
						knowledge.saveTranslation(ws, id, ja ? "en" : "ja",
								new TranslationDraft(second.title(), null, null, second.body()), "bench");
						count(stats, lengths, !ja, second);
						stats[3]++;
					}
					knowledge.setStatus(ws, id, "published");
				}
			});
		}
		double seeded = (System.nanoTime() - t0) / 1e9;
		jdbc.sql("analyze").update();
		Collections.sort(lengths);
		System.out.printf("seeded %,d published public articles through KnowledgeManagement in %.1f s (100 a transaction): "
				+ "%,d language versions (%,d ja, %,d en; %,d articles in both), Markdown %d–%d characters, median %d, "
				+ "mean %d; load %s%n", articles, seeded, stats[0], stats[1], stats[0] - stats[1], stats[3],
				lengths.get(0), lengths.get(lengths.size() - 1), lengths.get(lengths.size() / 2), stats[2] / stats[0],
				BenchServer.loadAverage());
		long t = System.nanoTime();
		knowledge.refreshIndex();
		System.out.printf("index caught up from the change log (%,d changes) in %.1f s; load %s%n",
				jdbc.sql("select count(*) from knowledge_change").query(Long.class).single(), (System.nanoTime() - t) / 1e9,
				BenchServer.loadAverage());
	}

	private static void count(long[] stats, List<Integer> lengths, boolean ja, KnowledgeArticles.Text text) {
		stats[0]++;
		stats[1] += ja ? 1 : 0;
		stats[2] += text.body().length();
		lengths.add(text.body().length());
	}

	/** {@code knowledge reindex} in a JVM of its own on the stopped server's data directory, as an operator runs it. */
	private static void cli(String dataDir, int runs) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Pattern done = Pattern.compile("reindex done in ([0-9.]+) s");
		List<Double> own = new ArrayList<>();
		List<Double> wall = new ArrayList<>();
		for (int r = 0; r < runs; r++) {
			String load = BenchServer.loadAverage();
			long t = System.nanoTime();
			Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					KizunaApplication.class.getName(), "knowledge", "reindex",
					"--kizuna.embedded-postgres.data-dir=" + Path.of(dataDir).toAbsolutePath())
				.redirectErrorStream(true)
				.start();
			Double seconds = null;
			String last = "";
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line; (line = lines.readLine()) != null;) {
					Matcher m = done.matcher(line);
					if (m.find()) {
						seconds = Double.parseDouble(m.group(1));
					}
					last = line;
				}
			}
			int code = process.waitFor();
			double elapsed = (System.nanoTime() - t) / 1e9;
			if (code != 0 || seconds == null) {
				throw new IllegalStateException("knowledge reindex exited " + code + ": " + last);
			}
			own.add(seconds);
			wall.add(elapsed);
			System.out.printf("  java … KizunaApplication knowledge reindex, run %d: %s language versions, reindex %.1f s, "
					+ "wall %.1f s with JVM and PostgreSQL start (load before %s)%n", r + 1, last.strip(), seconds, elapsed,
					load);
		}
		System.out.printf("knowledge reindex command: reindex median %.1f s, wall median %.1f s over %d runs%n",
				BenchServer.median(own), BenchServer.median(wall), runs);
	}

	record Series(String name, List<Double> ms, String baselineName, List<Double> baseline, String load) {
	}

	/** 10 % warm-up, then n requests, each followed by one of the baseline. */
	private static Series measure(String name, int n, Callable<Double> request, Callable<Double> baseline,
			String baselineName) throws Exception {
		String load = BenchServer.loadAverage();
		int warmup = Math.max(20, n / 10);
		List<Double> ms = new ArrayList<>();
		List<Double> base = new ArrayList<>();
		for (int i = 0; i < warmup + n; i++) {
			double a = request.call();
			double b = baseline.call();
			if (i >= warmup) {
				ms.add(a);
				base.add(b);
			}
		}
		Collections.sort(ms);
		Collections.sort(base);
		System.out.printf("  %s: p50 %.2f ms, p95 %.2f ms (load before %s)%n", name, pct(ms, 50), pct(ms, 95), load);
		return new Series(name, ms, baselineName, base, load);
	}

	private static double time(Callable<?> work) throws Exception {
		long t = System.nanoTime();
		work.call();
		return (System.nanoTime() - t) / 1e6;
	}

	private static String get(HttpClient http, String url, String token, String visitor) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (visitor != null) {
			request.header("Cookie", "kz_help=" + visitor);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
					+ response.body().substring(0, Math.min(200, response.body().length())));
		}
		return response.body();
	}

	private static String encode(String q) {
		return URLEncoder.encode(q, StandardCharsets.UTF_8);
	}

	static double pct(List<Double> sorted, int p) {
		return PagesBenchmark.pct(sorted, p);
	}
}
