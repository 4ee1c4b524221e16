package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kizuna.NpmPackages;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.demo.DemoLoader;
import io.kizuna.health.HealthAdministration;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WebPages;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * axe-core (Deque's accessibility engine, MPL-2.0, installed from npm like the SDK tests' packages) over every page
 * the modules declare through {@link WebPages}, in Japanese and English, signed in as an admin on a demo workspace,
 * plus the sign-in page signed out, the 404 page, a bare workspace's empty states and the states a person's actions
 * bring about (a filtered list, a scorecard preview and its errors, an import report). Fails on any serious or
 * critical violation, listing page, language, rule and the elements it names (ADR 0048).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityIT {

	static final String AXE_VERSION = "4.11.1";

	static final List<String> LANGUAGES = List.of("ja", "en");

	/** The impacts that fail the test; moderate and minor ones are printed only. */
	static final List<String> FAILING = List.of("serious", "critical");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	DemoLoader demoLoader;

	@Autowired
	HealthAdministration health;

	@Autowired
	io.kizuna.health.HealthQueries queries;

	@Autowired
	List<WebPages> pages;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	AccountManagement accounts;

	TestWorkspace demo;

	ChromeDriver browser;

	String axe;

	@BeforeAll
	void start() throws Exception {
		demo = TestWorkspace.create(workspaces, people, accessKeys, "a11y", "ja");
		demoLoader.load(demo.id(), 42, 40, 60, 2000);
		Path prefix = NpmPackages.install("axe-core", "axe-core", AXE_VERSION);
		axe = Files.readString(prefix.resolve("node_modules/axe-core/axe.min.js"), StandardCharsets.UTF_8);
		browser = Browser.start();
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void noPageOfADemoWorkspaceHasASeriousOrCriticalViolationInEitherLanguage() throws IOException {
		Findings findings = new Findings();
		// Signed out: the sign-in page, the one page everyone sees.
		browser.manage().deleteAllCookies();
		for (String language : LANGUAGES) {
			check("/login", language, findings);
		}
		Map<String, String> checked = checkEveryPage(demo, findings);
		assertThat(checked.keySet()).as("the main pages are among those checked")
			.contains("/", "/accounts", "/accounts/acct-00001", "/at-risk", "/revenue", "/revenue/ltv", "/settings",
					"/audit", "/imports");
		// A chart's text alternative says what it draws: the band chart each band's count, the health trend its
		// first and last day's score.
		Map<String, Integer> bands = queries.portfolio(demo.id()).bands();
		open("/", "ja");
		assertThat(browser.findElement(By.id("band-chart")).getDomAttribute("aria-label"))
			.isEqualTo("契約中のアカウントのヘルス帯別分布。赤 " + bands.getOrDefault("red", 0) + "、黄 "
					+ bands.getOrDefault("yellow", 0) + "、緑 " + bands.getOrDefault("green", 0));
		open("/", "en");
		assertThat(browser.findElement(By.id("band-chart")).getDomAttribute("aria-label"))
			.endsWith(". Red " + bands.getOrDefault("red", 0) + ", Yellow " + bands.getOrDefault("yellow", 0)
					+ ", Green " + bands.getOrDefault("green", 0));
		open("/accounts/acct-00001", "ja");
		assertThat(browser.findElement(By.id("health-chart")).getDomAttribute("aria-label"))
			.matches("[^。]+。[^：]+：\\d{1,2}月\\d{1,2}日 [\\d.]+ → \\d{1,2}月\\d{1,2}日 [\\d.]+");
		// States that only a person's actions bring about: a filtered list, a scorecard preview and its errors, an
		// import report with rejected lines.
		Path csv = Files.createTempFile("a11y-import", ".csv");
		Files.writeString(csv, "external_id,name\nacct-a11y-1,Imported KK\n,no id\n", StandardCharsets.UTF_8);
		for (String language : LANGUAGES) {
			check("/accounts?band=red&sort=score", language, findings);
			open("/settings/scorecards/" + health.scorecards(demo.id()).get(0).id(), language);
			browser.findElement(By.id("preview-button")).click();
			waitFor(By.id("distribution"));
			axe("scorecard preview", language, findings);
			browser.findElement(By.id("red-below")).clear();
			browser.findElement(By.id("red-below")).sendKeys("90");
			browser.findElement(By.id("green-from")).clear();
			browser.findElement(By.id("green-from")).sendKeys("10");
			browser.findElement(By.id("preview-button")).click();
			waitFor(By.id("scorecard-errors"));
			axe("scorecard errors", language, findings);
			open("/imports", language);
			browser.findElement(By.id("file")).sendKeys(csv.toString());
			browser.findElement(By.id("upload")).click();
			waitFor(By.id("import-summary"));
			axe("import report", language, findings);
		}
		findings.assertNone();
	}

	/** A workspace with one bare account and nothing else: every page's empty state. */
	@Test
	void noPageOfABareWorkspaceHasASeriousOrCriticalViolationInEitherLanguage() {
		TestWorkspace bare = TestWorkspace.create(workspaces, people, accessKeys, "a11y-bare", "en");
		accounts.saveAccount(bare.id(), "acct-00001", new AccountDraft("株式会社まっさら", null, null, null, null, null,
				null, Map.of()));
		Findings findings = new Findings();
		checkEveryPage(bare, findings);
		findings.assertNone();
	}

	/** Signs in as the workspace's admin and checks every declared page in both languages, and the 404 page. */
	private Map<String, String> checkEveryPage(TestWorkspace workspace, Findings findings) {
		browser.manage().deleteAllCookies();
		Browser.signIn(browser, port, workspace.adminEmail(), workspace.password());
		WebSession session = WebSession.signedIn(port, workspace.adminEmail(), workspace.password());
		Map<String, String> checked = new TreeMap<>();
		for (String path : pagePaths(workspace)) {
			HttpResponse<String> response = session.get(path);
			String type = response.headers().firstValue("Content-Type").orElse("");
			if (response.statusCode() != 200 || !type.startsWith("text/html")) {
				checked.put(path, "not a page: " + response.statusCode() + " " + type);
				continue;
			}
			if (!response.body().stripLeading().regionMatches(true, 0, "<!DOCTYPE html", 0, 14)) {
				// An htmx fragment: axe sees it inside the page that loads it (account 360 loads its LTV panel).
				checked.put(path, "fragment");
				continue;
			}
			for (String language : LANGUAGES) {
				check(path, language, findings);
			}
			checked.put(path, "checked");
		}
		// Kizuna's own "not found" page, as a signed-in person meets it.
		for (String language : LANGUAGES) {
			check("/no-such-page", language, findings);
		}
		System.out.println("axe-core " + AXE_VERSION + " on " + workspace.slug() + ": " + checked);
		assertThat(checked).as("pages checked").containsValue("checked");
		return checked;
	}

	private void check(String path, String language, Findings findings) {
		open(path, language);
		axe(path, language, findings);
	}

	private void open(String path, String language) {
		browser.get("http://127.0.0.1:" + port + path + (path.contains("?") ? "&" : "?") + "lang=" + language);
		settle();
	}

	private void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(element).isEmpty());
		settle();
	}

	/** Runs axe-core on the page as it is now and collects its violations under this name. */
	@SuppressWarnings("unchecked")
	private void axe(String page, String language, Findings findings) {
		try {
			Browser.screenshot(browser, "a11y-" + page.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("^-|-$", "")
					.replaceAll("^$", "home") + "-" + language);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		browser.executeScript(axe);
		Object result = browser.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations', 'incomplete'] }).then(function (r) {
				  done(r.violations.concat(r.incomplete.map(function (v) { v.id = 'needs review: ' + v.id; v.impact = 'review'; return v; })).map(function (v) {
				    return { rule: v.id, impact: v.impact || 'unknown', help: v.help,
				             targets: v.nodes.map(function (n) { return n.target.join(' ') + ' — '
				               + (n.failureSummary || '').replace(/\\s+/g, ' ').trim(); }) };
				  }));
				}).catch(function (e) { done('axe failed: ' + e); });""");
		if (result instanceof String error) {
			findings.failing.add(page + " [" + language + "] " + error);
			return;
		}
		for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
			String line = page + " [" + language + "] " + violation.get("rule") + " (" + violation.get("impact") + "): "
					+ violation.get("help") + "\n      " + String.join("\n      ", (List<String>) violation.get("targets"));
			(FAILING.contains(violation.get("impact")) ? findings.failing : findings.other).add(line);
		}
	}

	/** What axe found: serious and critical violations fail the test, the others are printed. */
	static final class Findings {

		final List<String> failing = new ArrayList<>();

		final List<String> other = new ArrayList<>();

		void assertNone() {
			System.out.println("axe-core moderate/minor findings (not failing):\n  " + String.join("\n  ", other));
			assertThat(failing).as("serious or critical accessibility violations (axe-core %s)", AXE_VERSION).isEmpty();
		}
	}

	/**
	 * The page has loaded (kizuna.js, deferred, has drawn its charts by then: a chart without data stays an empty
	 * labelled box) and htmx has swapped its load-triggered panels.
	 */
	private void settle() {
		String pending = """
				return document.readyState !== 'complete' ? 'loading'
				  : document.querySelector('[hx-trigger="load"], .htmx-request') ? 'htmx panels pending' : '';""";
		try {
			new WebDriverWait(browser, Duration.ofSeconds(20))
				.until(d -> "".equals(((JavascriptExecutor) d).executeScript(pending)));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError(browser.getCurrentUrl() + " did not settle: " + browser.executeScript(pending), ex);
		}
	}

	/**
	 * The demo values for pages with path variables: one file per module, {@code accessibility-samples/<module>.properties},
	 * each line {@code <pattern>=<path>}; {@code ${name}} in a path takes the value given here.
	 */
	private static Map<String, String> samples(Map<String, String> values) {
		Map<String, String> samples = new java.util.HashMap<>();
		try {
			for (var resource : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
				.getResources("classpath*:accessibility-samples/*.properties")) {
				java.util.Properties lines = new java.util.Properties();
				try (var in = new java.io.InputStreamReader(resource.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
					lines.load(in);
				}
				for (String pattern : lines.stringPropertyNames()) {
					String path = lines.getProperty(pattern);
					for (var value : values.entrySet()) {
						path = path.replace("${" + value.getKey() + "}", value.getValue());
					}
					samples.put(pattern, path);
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return samples;
	}

	/**
	 * Every GET mapping of the web app that some module's {@link WebPages} declares, with its path variables filled
	 * from the demo workspace; a page with a variable this test has no value for fails by name.
	 */
	private List<String> pagePaths(TestWorkspace workspace) {
		String account = "acct-00001";
		String scorecard = Long.toString(health.scorecards(workspace.id()).get(0).id());
		Map<String, String> samples = samples(Map.of("account", account, "scorecard", scorecard));
		List<PageAccess> declared = pages.stream()
			.flatMap(p -> p.access().stream())
			.filter(a -> a.method() == null || a.method().name().equals("GET"))
			.toList();
		List<String> paths = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			var methods = info.getMethodsCondition().getMethods();
			if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				String probe = pattern.replaceAll("\\{[^}]+}", "x");
				boolean page = declared.stream()
					.anyMatch(a -> a.paths().stream().anyMatch(p -> PathPatternParser.defaultInstance.parse(p)
						.matches(PathContainer.parsePath(probe))));
				if (!page) {
					continue;
				}
				if (pattern.contains("{")) {
					if (samples.containsKey(pattern)) {
						paths.add(samples.get(pattern));
					}
					else {
						missing.add(pattern);
					}
				}
				else {
					paths.add(pattern);
				}
			}
		});
		assertThat(missing).as("pages with path variables AccessibilityIT has no demo value for (add them to src/test/resources/accessibility-samples/<module>.properties)")
			.isEmpty();
		return paths.stream().distinct().sorted().toList();
	}
}
