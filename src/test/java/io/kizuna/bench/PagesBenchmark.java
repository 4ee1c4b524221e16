package io.kizuna.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.KizunaApplication;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSettings;
import io.kizuna.health.SignalThresholds;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.UserManagement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server-side page times at N accounts (default 100,000): starts Kizuna in-process on its own embedded PostgreSQL,
 * builds the workspace set-based (accounts with owners and stages, subscriptions, 90 days of rollups, a scoring run
 * for today with its signals, four weekly snapshots before it, notes), signs in over HTTP like a browser and requests
 * each page sequentially after a warm-up. Reports p50/p95/p99 per page.
 *
 * bench/run.sh pages [accounts] [requests per page]; BENCH_REUSE=1 keeps the previous fixture
 */
public final class PagesBenchmark {

	static final String ADMIN = "bench-admin@bench.kizuna.local";

	static final String PASSWORD = "bench-admin-password";

	public static void main(String[] args) throws Exception {
		int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class).run(
				"--server.port=0", "--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-pages-data").toAbsolutePath(),
				"--kizuna.embedded-postgres.clean=" + !Boolean.getBoolean("bench.reuse"),
				"--kizuna.scheduling.enabled=false", "--logging.level.root=WARN", "--logging.level.io.kizuna.health=INFO")) {
			WorkspaceManagement workspaces = app.getBean(WorkspaceManagement.class);
			io.kizuna.workspace.UserManagement people = app.getBean(io.kizuna.workspace.UserManagement.class);
			boolean reuse = workspaces.findBySlug("bench").isPresent();
			WorkspaceId workspace = reuse ? workspaces.findBySlug("bench").get().id()
					: workspaces.create(new NewWorkspace("bench", "Bench", "JPY", "Asia/Tokyo", "ja")).id();
			if (!reuse) {
				long t0 = System.nanoTime();
				people.createUser(workspace, ADMIN, "Bench admin", PASSWORD, Role.ADMIN);
				for (int i = 1; i <= 5; i++) {
					people.createUser(workspace, "csm" + i + "@bench.kizuna.local", "CSM " + i, PASSWORD, Role.CSM);
				}
				app.getBean(HealthAdministration.class).saveSettings(workspace,
						new HealthSettings(List.of("Report Created", "Integration Connected"), SignalThresholds.defaults()));
				HealthScoring scoring = app.getBean(HealthScoring.class);
				LocalDate today = scoring.today(workspace);
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				RescoringBenchmark.Fixture.load(jdbc, workspace, accounts, today.minusDays(1));
				pageFixture(jdbc, workspace);
				scoring.recompute(workspace, today);
				history(jdbc, workspace, today);
				System.out.printf("fixture: %d accounts in %.1f s%n", accounts, (System.nanoTime() - t0) / 1e9);
			}
			else if (app.getBean(JdbcClient.class).sql("select count(*) from health_status_run").query(Long.class).single() == 0) {
				// A reused fixture may predate the latest migrations' read models: one scoring run rebuilds them.
				HealthScoring scoring = app.getBean(HealthScoring.class);
				scoring.recompute(workspace, scoring.today(workspace));
			}
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			Client client = new Client("http://127.0.0.1:" + port);
			client.signIn(ADMIN, PASSWORD);
			Random random = new Random(42);
			String[] lists = { "", "?sort=score&dir=asc", "?sort=arr&dir=desc", "?tier=enterprise&sort=renewal&dir=asc",
					"?band=red&sort=arr&dir=desc", "?renewal=30", "?signal=usage_falling&sort=activity&dir=desc",
					"?q=acct-123", "?stage=adopting&sort=name&dir=desc", "?owner=2&band=yellow" };
			Map<String, Supplier<String>> pages = new LinkedHashMap<>();
			Map<String, List<Double>> byVariant = new java.util.TreeMap<>();
			Map<String, Double> firsts = new LinkedHashMap<>();
			pages.put("accounts list", () -> {
				String filter = lists[random.nextInt(lists.length)];
				int page = random.nextInt(4) == 0 ? random.nextInt(200) : 0;
				return "/accounts" + filter + (filter.isEmpty() ? "?" : "&") + "page=" + page;
			});
			pages.put("account 360", () -> "/accounts/acct-" + (1 + random.nextInt(accounts)));
			pages.put("at-risk worklist", () -> random.nextBoolean() ? "/at-risk" : "/at-risk?band=red&page=" + random.nextInt(20));
			pages.put("portfolio", () -> "/");
			System.out.printf("%-18s %6s %8s %8s %8s %8s%n", "page", "n", "p50 ms", "p95 ms", "p99 ms", "max ms");
			for (var page : pages.entrySet()) {
				boolean heavy = page.getKey().equals("portfolio") || page.getKey().equals("at-risk worklist");
				int n = heavy ? Math.max(10, requests / 4) : requests;
				double first = client.page(page.getValue().get());
				for (int i = 1; i < Math.max(5, n / 10); i++) {
					client.page(page.getValue().get());
				}
				firsts.put(page.getKey(), first);
				List<Double> times = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					String path = page.getValue().get();
					double millis = client.page(path);
					times.add(millis);
					byVariant.computeIfAbsent(path.replaceAll("[?&]page=\\d+", "").replaceAll("acct-\\d+", "{id}"), v -> new ArrayList<>()).add(millis);
				}
				Collections.sort(times);
				System.out.printf("%-18s %6d %8.1f %8.1f %8.1f %8.1f%n", page.getKey(), n, pct(times, 50), pct(times, 95),
						pct(times, 99), times.get(times.size() - 1));
			}
			firsts.forEach((name, millis) -> System.out.printf("first %s request (cold): %.1f ms%n", name, millis));
			System.out.printf("%nper URL (pages of a list together)%n%-60s %6s %8s %8s%n", "url", "n", "p50 ms", "max ms");
			byVariant.forEach((url, times) -> {
				Collections.sort(times);
				System.out.printf("%-60s %6d %8.1f %8.1f%n", url.length() > 60 ? url.substring(0, 60) : url, times.size(),
						pct(times, 50), times.get(times.size() - 1));
			});
			// -Dbench.hold=SECONDS keeps the server (and its database) up afterwards, e.g. for EXPLAIN ANALYZE in psql.
			Thread.sleep(Long.getLong("bench.hold", 0) * 1000);
		}
	}

	/** Owners, stages and domains for the list filters; a note on one account in ten. */
	static void pageFixture(JdbcClient jdbc, WorkspaceId workspace) {
		Map<String, Object> p = Map.of("ws", workspace.value());
		jdbc.sql("""
				update account a set domain = 'acct-' || a.account_id || '.example.jp',
				       lifecycle_stage = (array['onboarding', 'adopting', 'mature', 'renewal'])[1 + a.account_id % 4],
				       owner_user_id = (select u.user_id from app_user u where u.workspace_id = a.workspace_id
				                        and u.role = 'csm' order by u.user_id offset a.account_id % 5 limit 1)
				where a.workspace_id = :ws""").params(p).update();
		jdbc.sql("""
				insert into account_note (workspace_id, account_id, author, body, created_at)
				select workspace_id, account_id, 'CSM 1', '定例で利用状況を確認', now() - (account_id % 60) * interval '1 day'
				from account where workspace_id = :ws and account_id % 10 = 0""").params(p).update();
	}

	/** Four weekly snapshots before today, so the 360 page has a trend and a week-ago comparison. */
	static void history(JdbcClient jdbc, WorkspaceId workspace, LocalDate today) {
		jdbc.sql("""
				insert into health_snapshot (workspace_id, account_id, day, scorecard_id, score, band, measures)
				select s.workspace_id, s.account_id, s.day - 7 * w, s.scorecard_id,
				       least(100, greatest(0, s.score + ((s.account_id + w) % 21) - 10)), s.band, s.measures
				from health_snapshot s, generate_series(1, 4) w
				where s.workspace_id = :ws and s.day = :day""")
			.param("ws", workspace.value())
			.param("day", today)
			.update();
		jdbc.sql("analyze").update();
	}

	static double pct(List<Double> sorted, int p) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}

	/** A browser-like client: a session cookie, CSRF on sign-in, HTML pages. */
	static final class Client {

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String base;

		Client(String base) {
			this.base = base;
		}

		void signIn(String email, String password) throws Exception {
			String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
			if (!csrf.find()) {
				throw new IllegalStateException("no CSRF token on the sign-in page");
			}
			String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.headers().firstValue("Location").orElse("error").contains("error")) {
				throw new IllegalStateException("sign-in failed");
			}
		}

		/** @return milliseconds until the whole page was read */
		double page(String path) throws Exception {
			long t0 = System.nanoTime();
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			double millis = (System.nanoTime() - t0) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			return millis;
		}
	}
}
