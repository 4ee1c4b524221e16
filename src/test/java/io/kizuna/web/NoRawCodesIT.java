package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.demo.DemoLoader;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthSettings;
import io.kizuna.health.SignalThresholds;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The main pages of a demo workspace, in a real browser, in Japanese and in English, read as a CS manager reads them:
 * no code the program uses internally may reach the screen. Every visible text of the page's main part is checked for
 * ISO timestamps and dates, {@code snake_case} tokens, {@code {k=v}} or JSON dicts, dotted action codes
 * ({@code sign_in.succeeded}), upper-case enum words ({@code ACTIVE}), the long IPv6 loopback, and — on the Japanese
 * page — English words outside a short allow-list (brand names, units, acronyms a Japanese CS team uses as they are).
 * What the customer's own data says (account and person names, e-mail addresses, event names, plans) is marked
 * {@code translate="no"} in the templates and left out. The browser signs in over IPv6 ({@code [::1]}), so the
 * audit log has the address {@code 0:0:0:0:0:0:0:1} to show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoRawCodesIT {

	static final Pattern ISO_DATE = Pattern.compile("\\d{4}[-/]\\d{1,2}([-/]\\d{1,2})?(T[\\d:.]+Z?)?");

	static final Pattern SNAKE_CASE = Pattern.compile("\\b[a-z][a-z0-9]*(_[a-z0-9]+)+\\b");

	static final Pattern DICT = Pattern.compile("\\{[^}]*[=:][^}]*}");

	/** sign_in.succeeded, user.created; not a host name inside a URL (app.example.jp). */
	static final Pattern DOTTED_CODE = Pattern.compile("(?<![\\w./:@-])[a-z_]+\\.[a-z_]+(?![\\w.-])");

	static final Pattern UPPER_ENUM = Pattern.compile("\\b[A-Z]{2,}(_[A-Z]+)*\\b");

	static final Pattern LONG_IPV6 = Pattern.compile("\\b0:0:0:0:0:0:0:1\\b");

	static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z]+");

	/** Acronyms and units a Japanese or English CS team reads as they are. */
	static final Set<String> ACRONYMS = Set.of("MRR", "ARR", "NRR", "GRR", "LTV", "CLV", "CSM", "API", "CSV", "RFM",
			"JPY", "USD", "EUR", "SDK", "ISO", "UTF", "DERL", "ID", "URL", "CIDR", "KPI", "NPS", "SLA", "CSAT", "CES",
			"IP", "HTTP", "HTTPS", "JSON", "OK", "SMB", "SMTP", "IMAP", "TLS", "HMAC");

	/** The words allowed on a Japanese page: the brand, acronyms, model names and the time-zone id's regions. */
	static final Set<String> JAPANESE_PAGE_WORDS = Set.of("Kizuna", "sBG", "Asia", "Tokyo", "JIS", "Shift", "SDK",
			"Web", "https", "app", "example", "jp", "SaaS");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	DemoLoader demo;

	@Autowired
	HealthAdministration health;

	ChromeDriver browser;

	TestWorkspace own;

	@BeforeAll
	void start() throws Exception {
		own = TestWorkspace.create(workspaces, people, accessKeys, "rawcodes", "ja");
		demo.load(own.id(), 42, 40, 60, 2000);
		// What the audit log, the keys' last use and the live events then have to show.
		String csm = own.user(people, "csm", Role.CSM);
		people.changeRole(own.id(), people.findUser(csm).orElseThrow().id(), Role.MANAGER, own.adminEmail());
		HealthSettings settings = health.settings(own.id());
		SignalThresholds t = settings.thresholds();
		health.saveSettings(own.id(), new HealthSettings(settings.keyFeatures(), new SignalThresholds(t.idleDays() + 7,
				t.seatsUnusedRatio(), t.seatsMinimum(), t.keyFeatureGraceDays(), t.usageDropRatio(),
				t.usageDropMinimumEvents(), t.onboardingDays(), t.championInactiveDays(), t.renewalWindowDays(),
				t.renewalScoreDrop())));
		String readToken = accessKeys.issueApiToken(own.id(), "bi", TokenScope.READ).secret();
		TestHttp http = new TestHttp(port);
		assertThat(http.get("/api/v1/accounts?size=1", readToken).statusCode()).isEqualTo(200);
		assertThat(http.segment("/v1/track", """
				{"userId":"acct-00001-u1","event":"Report Created","context":{"groupId":"acct-00001"}}""",
				own.writeKey()).statusCode()).isEqualTo(200);
		assertThat(http.segment("/v1/track", "not json", own.writeKey()).statusCode()).as("a refused call to show")
			.isEqualTo(400);
		browser = Browser.start("ja");
		browser.get(base() + "/login");
		browser.findElement(By.id("username")).sendKeys(own.adminEmail());
		browser.findElement(By.id("password")).sendKeys(own.password());
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void noPageShowsARawCodeInJapaneseOrEnglish() throws Exception {
		String account = accountWithSignalsAndSubscriptions();
		List<String> pages = List.of("/", "/accounts", "/accounts/" + account, "/at-risk", "/revenue", "/revenue/ltv",
				"/settings", "/audit", "/usage/live");
		List<String> found = new ArrayList<>();
		for (String language : List.of("ja", "en")) {
			for (String page : pages) {
				open(page + "?lang=" + language);
				assertThat(browser.findElements(By.cssSelector("header.top"))).as("%s opens as a page", page).isNotEmpty();
				if (page.equals("/accounts/" + account)) {
					new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("ltv-panel")).isEmpty());
					assertThat(browser.findElements(By.cssSelector(".signals li"))).as("the account has signals").isNotEmpty();
					assertThat(browser.findElements(By.cssSelector(".signals dl.evidence dd"))).as("with their figures")
						.isNotEmpty();
				}
				// A word the page shows as data somewhere (a plan's name) is data where a sentence repeats it too.
				Set<String> dataWords = new java.util.HashSet<>();
				dataTexts().forEach(text -> LATIN_WORD.matcher(text).results().forEach(m -> dataWords.add(m.group())));
				for (String text : visibleTexts()) {
					rawCodes(text, language).stream()
						.filter(code -> !dataWords.contains(code))
						.forEach(code -> found.add(language + " " + page + ": " + code + "  in «" + text + "»"));
				}
				Browser.screenshot(browser, "codes" + page.replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "") + "-" + language);
			}
		}
		assertThat(found).as("raw codes on the screen").isEmpty();
		open("/audit?lang=ja");
		assertThat(browser.findElement(By.id("audit")).getText()).contains("このコンピューター（::1）", "サインイン",
				"ロールを変更", "CSM → マネージャー", "ヘルス設定を変更");
		open("/audit?lang=en");
		assertThat(browser.findElement(By.id("audit")).getText()).contains("This computer (::1)", "Signed in",
				"Role changed", "CSM → Manager");
	}

	@Test
	void japaneseWordsAndDatesDoNotBreakInsideAtANarrowWidth() throws Exception {
		browser.manage().window().setSize(new Dimension(400, 900));
		try {
			List<String> broken = new ArrayList<>();
			for (String page : List.of("/accounts", "/at-risk", "/", "/accounts/" + accountWithSignalsAndSubscriptions(),
					"/audit", "/settings")) {
				open(page + "?lang=ja");
				@SuppressWarnings("unchecked")
				List<String> here = (List<String>) browser.executeScript(BROKEN_WORDS, "スコア|\\d{4}年\\d{1,2}月(\\d{1,2}日)?( \\d{1,2}:\\d{2})?");
				here.forEach(word -> broken.add(page + ": " + word));
				Browser.screenshot(browser, "codes-narrow" + page.replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "") + "-ja");
			}
			assertThat(broken).as("words and dates broken across lines at 400 px").isEmpty();
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 800));
		}
	}

	/**
	 * Every visible occurrence of the pattern in a text node whose characters do not all sit on one line (each
	 * character's box compared with the first's).
	 */
	static final String BROKEN_WORDS = """
			var pattern = new RegExp(arguments[0], 'g'), broken = [];
			var walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
			for (var node = walker.nextNode(); node; node = walker.nextNode()) {
			  if (!node.parentElement || node.parentElement.offsetParent === null) { continue; }
			  var m; pattern.lastIndex = 0;
			  while ((m = pattern.exec(node.data)) !== null) {
			    var range = document.createRange(), tops = [];
			    for (var i = m.index; i < m.index + m[0].length; i++) {
			      range.setStart(node, i); range.setEnd(node, i + 1);
			      var r = range.getClientRects()[0];
			      if (r && r.width > 0) { tops.push(Math.round(r.top)); }
			    }
			    if (tops.length && Math.max.apply(null, tops) - Math.min.apply(null, tops) > 4) { broken.push(m[0]); }
			  }
			}
			return broken;""";

	/** The visible text nodes of the page's main part, without the customer's own data (translate="no"). */
	@SuppressWarnings("unchecked")
	private List<String> visibleTexts() {
		return (List<String>) browser.executeScript("""
				var out = [], walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
				for (var node = walker.nextNode(); node; node = walker.nextNode()) {
				  var el = node.parentElement, text = node.data.trim();
				  if (!text || !el || el.closest('[translate="no"], script, style, template')) { continue; }
				  if (el.tagName !== 'OPTION' && el.offsetParent === null && getComputedStyle(el).position !== 'fixed') { continue; }
				  out.push(text);
				}
				return out;""");
	}

	/** The texts the page marks as the customer's own data. */
	@SuppressWarnings("unchecked")
	private List<String> dataTexts() {
		return (List<String>) browser.executeScript("""
				return Array.prototype.map.call(document.querySelectorAll('main [translate="no"]'),
				  function (el) { return el.textContent; });""");
	}

	static List<String> rawCodes(String text, String language) {
		List<String> codes = new ArrayList<>();
		find(ISO_DATE, text, codes);
		find(SNAKE_CASE, text, codes);
		find(DICT, text, codes);
		find(DOTTED_CODE, text, codes);
		find(LONG_IPV6, text, codes);
		Matcher upper = UPPER_ENUM.matcher(text);
		while (upper.find()) {
			if (!ACRONYMS.contains(upper.group())) {
				codes.add(upper.group());
			}
		}
		if (language.equals("ja")) {
			Matcher word = LATIN_WORD.matcher(text);
			while (word.find()) {
				String w = word.group();
				if (!ACRONYMS.contains(w) && !JAPANESE_PAGE_WORDS.contains(w)) {
					codes.add(w);
				}
			}
		}
		return codes;
	}

	private static void find(Pattern pattern, String text, List<String> into) {
		Matcher m = pattern.matcher(text);
		while (m.find()) {
			into.add(m.group());
		}
	}

	/** The first account of the worklist: it has open signals, and the worklist holds paying accounts only. */
	private String accountWithSignalsAndSubscriptions() {
		open("/at-risk?lang=ja");
		String href = browser.findElement(By.cssSelector("#worklist tbody tr a")).getDomAttribute("href");
		return href.substring(href.lastIndexOf('/') + 1);
	}

	private void open(String path) {
		browser.get(base() + path);
	}

	private String base() {
		return "http://[::1]:" + port;
	}
}
