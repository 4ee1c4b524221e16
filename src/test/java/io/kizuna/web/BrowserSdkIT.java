package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.NpmPackages;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.IssuedSecret;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.WriteKeyOrigins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12: the browser SDK ({@code @segment/analytics-next}, its standalone bundle from npm, unmodified) in
 * headless Chromium, on a page of another origin (a second HTTP server, {@code localhost} against the app's
 * {@code 127.0.0.1}, another port), so every call is cross-origin and goes through CORS. Default delivery (one
 * request per call, {@code text/plain}, short paths) and the batching strategy ({@code /v1/b}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserSdkIT {

	static final String PACKAGE = "@segment/analytics-next";

	static Path bundles;

	static String version;

	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	WriteKeyOrigins origins;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UsageRollups rollups;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void installSdkAndBrowser() throws Exception {
		Path prefix = NpmPackages.install("analytics-next-latest", PACKAGE, "latest");
		version = NpmPackages.installedVersion(prefix, PACKAGE);
		bundles = prefix.resolve("node_modules/@segment/analytics-next/dist/umd");
		assertThat(bundles.resolve("standalone.js")).as("the standalone bundle of " + PACKAGE + " " + version).isRegularFile();
		driver = Browser.start();
	}

	@AfterAll
	static void quit() {
		if (driver != null) {
			driver.quit();
		}
	}

	/**
	 * {@code standard} and {@code batching}: the snippet and the standalone bundle, with the source settings from
	 * the site standing in for Segment's CDN. {@code cdnURL}: the npm UMD build loaded with {@code cdnURL} set to
	 * Kizuna, which serves the settings itself (ADR 0046); the site then serves none.
	 */
	@ParameterizedTest(name = "delivery {0}")
	@ValueSource(strings = { "standard", "batching", "cdnURL" })
	void pageViewsAndTracksArriveFromAnotherOrigin(String delivery) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("web-" + run, "Web " + run, "JPY", "Asia/Tokyo", "ja")).id();
		IssuedSecret key = accessKeys.issueWriteKey(workspace, "browser");
		String segmentIo = "{\"apiKey\":\"" + key.secret() + "\",\"apiHost\":\"127.0.0.1:" + port + "/v1\",\"protocol\":\"http\""
				+ ("batching".equals(delivery) ? ",\"deliveryStrategy\":{\"strategy\":\"batching\",\"config\":{\"size\":10,\"timeout\":200}}" : "")
				+ "}";
		HttpServer site = "cdnURL".equals(delivery) ? site(key.secret(), run, null) : site(key.secret(), run, segmentIo);
		try {
			String origin = "http://localhost:" + site.getAddress().getPort();
			origins.replace(workspace, key.id(), List.of(origin), "test");
			driver.get(origin + "/");
			try {
				new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> driver
					.executeScript("return window.sdkResult || window.sdkError || null") != null);
			}
			catch (org.openqa.selenium.TimeoutException ex) {
				throw new AssertionError("the SDK did not finish in 30 s; the page logged: " + driver.executeScript(
						"return JSON.stringify({log: window.sdkLog, initialized: !!(window.analytics && window.analytics.initialized),"
								+ " array: Array.isArray(window.analytics)})"), ex);
			}
			assertThat(driver.executeScript("return window.sdkError || null")).as("the SDK in the page").isNull();

			long[] counts = new long[3];
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				rollups.processPending();
				long account = accounts.account(workspace, "acct-" + run).id();
				jdbc.sql("""
						select count(*), count(distinct message_id), count(*) filter (where account_id = ?)
						from event where workspace_id = ?""")
					.params(account, workspace.value())
					.query(rs -> {
						counts[0] = rs.getLong(1);
						counts[1] = rs.getLong(2);
						counts[2] = rs.getLong(3);
					});
				assertThat(counts).as("stored, distinct, attributed").containsExactly(54, 54, 54);
				assertThat(jdbc.sql("select coalesce(sum(events), 0) from usage_daily where workspace_id = ? and account_id = ?")
					.params(workspace.value(), account)
					.query(Long.class)
					.single()).as("the daily rollup").isEqualTo(51);
			});
			String token = accessKeys.issueApiToken(workspace, "read", io.kizuna.workspace.TokenScope.READ).secret();
			String events = new io.kizuna.TestHttp(port).get("/api/v1/accounts/acct-" + run + "/events?size=500", token).body();
			assertThat(java.util.regex.Pattern.compile("\"messageId\":\"([^\"]+)\"").matcher(events).results()
				.map(m -> m.group(1)).distinct().count()).as("the account's events read back through REST").isEqualTo(54);
			assertThat(accounts.findContact(workspace, "user-" + run).orElseThrow().name()).isEqualTo("佐藤 花子");
			assertThat(accounts.account(workspace, "acct-" + run).name()).isEqualTo("株式会社テスト " + run);
			Path results = NpmPackages.ROOT.resolve("results.md");
			if (!Files.exists(results)) {
				Files.writeString(results, "| client | version | sent | stored | attributed |\n|---|---|---|---|---|\n");
			}
			Files.writeString(results, "| %s (Chromium, %s) | %s (latest) | 54 | %d | %d |%n".formatted(PACKAGE, delivery,
					version, counts[1], counts[2]), java.nio.file.StandardOpenOption.APPEND);
		}
		finally {
			site.stop(0);
		}
	}

	/** The same page on an origin the key does not allow: the browser gets no CORS grant, nothing is stored. */
	@org.junit.jupiter.api.Test
	void aPageOfAnOriginTheKeyDoesNotAllowStoresNothing() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("web-" + run, "Web " + run, "JPY", "Asia/Tokyo", "ja")).id();
		IssuedSecret key = accessKeys.issueWriteKey(workspace, "browser");
		origins.replace(workspace, key.id(), List.of("https://the-real-app.example.jp"), "test");
		HttpServer site = site(key.secret(), run,
				"{\"apiKey\":\"" + key.secret() + "\",\"apiHost\":\"127.0.0.1:" + port + "/v1\",\"protocol\":\"http\"}");
		try {
			driver.get("http://localhost:" + site.getAddress().getPort() + "/");
			// The SDK reports no failure (its promises resolve): only the store can tell. Nothing may arrive while the
			// page runs, and the page must have run.
			new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> driver
				.executeScript("return window.sdkResult || window.sdkError || null") != null);
			Thread.sleep(2000);
			assertThat(jdbc.sql("select count(*) from event where workspace_id = ?")
				.param(workspace.value())
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			site.stop(0);
		}
	}

	/**
	 * The customer's site, standing in for Segment's CDN too: the page, the SDK's bundles and the source's settings
	 * where analytics.js looks for them ({@code <cdn>/v1/projects/<key>/settings}), naming Kizuna as the apiHost;
	 * with {@code segmentIo} null, no settings (the page fetches them from Kizuna).
	 */
	private HttpServer site(String key, String run, String segmentIo) throws IOException {
		String page;
		try (InputStream in = BrowserSdkIT.class
			.getResourceAsStream(segmentIo == null ? "/sdk/browser-page-cdn.html" : "/sdk/browser-page.html")) {
			page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__WRITE_KEY__", key)
				.replace("__RUN__", run)
				.replace("__KIZUNA__", "http://127.0.0.1:" + port);
		}
		byte[] settings = segmentIo == null ? null
				: ("{\"integrations\":{\"Segment.io\":" + segmentIo + "}}").getBytes(StandardCharsets.UTF_8);
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		byte[] html = page.getBytes(StandardCharsets.UTF_8);
		server.createContext("/", exchange -> {
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/")) {
				send(exchange, 200, "text/html; charset=utf-8", html);
			}
			else if (settings != null && path.equals("/v1/projects/" + key + "/settings")) {
				send(exchange, 200, "application/json", settings);
			}
			else if (path.startsWith("/analytics.js/v1/")) {
				send(exchange, 200, "text/javascript", Files.readAllBytes(bundles.resolve("standalone.js")));
			}
			else if (path.startsWith("/analytics-next/bundles/") && !path.contains("..")
					&& Files.isRegularFile(bundles.resolve(path.substring("/analytics-next/bundles/".length())))) {
				send(exchange, 200, "text/javascript",
						Files.readAllBytes(bundles.resolve(path.substring("/analytics-next/bundles/".length()))));
			}
			else {
				send(exchange, 404, "text/plain", new byte[0]);
			}
		});
		server.start();
		return server;
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
		exchange.close();
	}
}
