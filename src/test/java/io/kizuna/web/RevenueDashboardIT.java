package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.kizuna.demo.DemoLoader;
import io.kizuna.revenue.Renewals;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The revenue dashboard in a real browser on a demo workspace of this class's own, in Japanese and English; and its
 * figures on a small hand-made history, checked against values worked out by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevenueDashboardIT {

	static final String PASSWORD = io.kizuna.TestWorkspace.PASSWORD;

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	DemoLoader demo;

	@Autowired
	Renewals renewals;

	ChromeDriver browser;

	@Autowired
	io.kizuna.accounts.AccountManagement accounts;

	WorkspaceId workspace;

	io.kizuna.TestWorkspace own;

	String viewer;

	@BeforeAll
	void start() throws Exception {
		own = io.kizuna.TestWorkspace.create(workspaces, people, accessKeys, "revdash", "ja");
		workspace = own.id();
		demo.load(workspace, 42, 40, 60, 2000);
		viewer = own.user(people, "viewer", Role.VIEWER);
		browser = Browser.start();
		// Tall enough to show the whole dashboard in one screenshot.
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2700));
		Browser.signIn(browser, port, own.adminEmail(), PASSWORD);
	}

	/**
	 * Five subscriptions since seven months ago; on the first of last month one expands 50,000 → 80,000, one contracts
	 * 40,000 → 25,000, one of 30,000 is canceled and a new one of 20,000 starts. Opening 220,000, closing 225,000;
	 * NRR (220,000 + 30,000 − 15,000 − 30,000) / 220,000 = 93.2 %, GRR (220,000 − 30,000 − 15,000) / 220,000 = 79.5 %;
	 * one renewal in 90 days, of 100,000 a month: ARR ¥1,200,000. The page shows last month, the last complete one,
	 * by default, and says so (issue 13, item 7): this month, only begun, would show NRR and GRR of 100 %.
	 */
	@Test
	void theTilesAndRenewalsShowTheFiguresOfAHandMadeHistory() {
		io.kizuna.TestWorkspace hand = io.kizuna.TestWorkspace.create(workspaces, people, accessKeys, "revhand", "en");
		java.time.LocalDate today = renewals.today(hand.id());
		java.time.LocalDate month = today.withDayOfMonth(1).minusMonths(1);
		java.time.LocalDate start = month.minusMonths(6);
		java.time.LocalDate renewal = today.plusDays(30);
		subscription(hand, "steady", 100_000, "active", start, renewal, start);
		subscription(hand, "grows", 50_000, "active", start, null, start);
		subscription(hand, "grows", 80_000, "active", start, null, month);
		subscription(hand, "shrinks", 40_000, "active", start, null, start);
		subscription(hand, "shrinks", 25_000, "active", start, null, month);
		subscription(hand, "leaves", 30_000, "active", start, null, start);
		subscription(hand, "leaves", 30_000, "canceled", start, null, month);
		subscription(hand, "arrives", 20_000, "active", month, null, month);

		WebSession admin = WebSession.signedIn(port, hand.adminEmail(), PASSWORD);
		String page = admin.get("/revenue?lang=en").body();
		assertThat(text(page, "tile-mrr")).isEqualTo("¥225,000");
		assertThat(text(page, "tile-nrr")).isEqualTo("93.2%");
		assertThat(text(page, "tile-grr")).isEqualTo("79.5%");
		assertThat(text(page, "tile-renewal-arr")).isEqualTo("¥1,200,000");
		java.time.YearMonth last = java.time.YearMonth.from(month);
		assertThat(text(page, "revenue-month")).isEqualTo("Figures for "
				+ last.format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.ENGLISH))
				+ ", the last complete month");
		assertThat(page.substring(page.indexOf("<table id=\"mrr-months\""))).as("the table ends at last month")
			.doesNotContain(java.time.YearMonth.from(today)
				.format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.ENGLISH)) + "<");
		String ja = admin.get("/revenue?lang=ja").body();
		assertThat(text(ja, "revenue-month"))
			.isEqualTo(last.getYear() + "年" + last.getMonthValue() + "月の数値です（最後に締まった月）");
		assertThat(text(ja, "tile-mrr")).isEqualTo("￥225,000");
		assertThat(text(ja, "tile-nrr")).isEqualTo("93.2%");
		assertThat(text(ja, "tile-grr")).isEqualTo("79.5%");
		String table = page.substring(page.indexOf("<table id=\"renewals\""));
		table = table.substring(0, table.indexOf("</table>"));
		assertThat(table.split("<tr").length - 2).as("one renewal row under the header").isEqualTo(1);
		assertThat(table).contains("steady KK")
			.contains(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
				.withLocale(java.util.Locale.ENGLISH)
				.format(renewal));
	}

	private void subscription(io.kizuna.TestWorkspace in, String account, long mrr, String status,
			java.time.LocalDate started, java.time.LocalDate termEnd, java.time.LocalDate effective) {
		if (accounts.findAccount(in.id(), account).isEmpty()) {
			accounts.saveAccount(in.id(), account, io.kizuna.accounts.AccountDraft.named(account + " KK"));
		}
		accounts.saveSubscription(in.id(), "sub-" + account, new io.kizuna.accounts.SubscriptionDraft(account, null,
				"Standard", mrr, "JPY", 1, status, started, termEnd, null, null, effective));
	}

	private static String text(String html, String id) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
		assertThat(matcher.find()).as(id + " on the page").isTrue();
		return org.springframework.web.util.HtmlUtils.htmlUnescape(matcher.group(1)).strip();
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theDashboardShowsWaterfallRetentionCohortsAndRenewalsInJapanese() throws Exception {
		open("/?lang=ja");
		browser.findElement(By.id("nav-revenue")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("収益");
		waitForChart("waterfall-chart");
		waitForChart("retention-chart");
		waitForChart("logo-cohort-chart");
		waitForChart("revenue-cohort-chart");
		assertThat(browser.findElement(By.id("tile-mrr")).getText()).startsWith("￥").matches("￥[\\d,]+");
		assertThat(browser.findElement(By.id("tile-nrr")).getText()).matches("[\\d.]+%");
		int due = renewals.upcoming(workspace, renewals.today(workspace), 90).size();
		assertThat(due).as("the demo has renewals coming").isPositive();
		// Ten a page (issue 13): the first page shows the first ten of the 90 days' renewals.
		int shown = Math.min(due, 10);
		assertThat(browser.findElements(By.cssSelector("#renewals tbody tr"))).hasSize(shown);
		assertThat(browser.findElements(By.cssSelector("#renewals tbody .band"))).hasSize(shown)
			.allSatisfy(b -> assertThat(b.getText()).isIn("赤", "黄", "緑", "スコアなし"));
		assertThat(browser.findElement(By.id("renewals")).getText()).containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日");
		assertThat(browser.findElement(By.id("mrr-months")).getText()).containsPattern("\\d{4}年\\d{1,2}月");
		assertThat(browser.findElements(By.cssSelector("#renewal-probabilities tbody tr"))).hasSize(4);
		Browser.assertMoneyAxisFits(browser, "waterfall-chart", "[-−]?￥[\\d,.]+[万億]?");
		Browser.screenshot(browser, "revenue-ja");
	}

	@Test
	void theRenewalsListPagesKeepingTheCohortBreakdown() throws Exception {
		var due = renewals.upcoming(workspace, renewals.today(workspace), 90);
		assertThat(due.size()).as("the demo has more than one page of renewals").isGreaterThan(10);
		open("/revenue?by=tier&lang=en");
		String summary = browser.findElement(By.id("renewal-summary")).getText();
		assertThat(summary).startsWith(due.size() + " renewals");
		assertThat(browser.findElements(By.cssSelector("#renewals tbody tr"))).hasSize(10);
		java.util.List<String> first = renewalAccounts();
		int pages = (due.size() + 9) / 10;
		assertThat(browser.findElement(By.cssSelector("nav.pager span")).getText()).isEqualTo("Page 1 of " + pages);
		assertThat(browser.findElements(By.id("previous-page"))).isEmpty();
		org.openqa.selenium.WebElement next = browser.findElement(By.id("renewals-next"));
		assertThat(next.getDomAttribute("href")).isEqualTo("/revenue?by=tier&renewalsPage=1#renewals");
		next.click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("renewalsPage=1"));
		assertThat(browser.getCurrentUrl()).contains("by=tier");
		assertThat(browser.findElement(By.cssSelector("nav.pager span")).getText()).isEqualTo("Page 2 of " + pages);
		assertThat(browser.findElements(By.cssSelector("#renewals tbody tr"))).hasSize(Math.min(10, due.size() - 10));
		assertThat(renewalAccounts()).doesNotContainAnyElementsOf(first);
		// The summary is the whole 90 days', on every page.
		assertThat(browser.findElement(By.id("renewal-summary")).getText()).isEqualTo(summary);
		assertThat(browser.findElement(By.id("previous-page")).getDomAttribute("href"))
			.isEqualTo("/revenue?by=tier&renewalsPage=0#renewals");
	}

	private java.util.List<String> renewalAccounts() {
		return browser.findElements(By.cssSelector("#renewals tbody tr td:nth-child(2) a"))
			.stream()
			.map(a -> a.getDomAttribute("href"))
			.toList();
	}

	@Test
	void cohortsBreakDownByTierAndTheWaterfallFollowsTheMonthInEnglish() throws Exception {
		open("/revenue?lang=en");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Revenue");
		waitForChart("waterfall-chart");
		new Select(browser.findElement(By.id("waterfall-month"))).selectByIndex(0);
		waitForChart("waterfall-chart");
		new Select(browser.findElement(By.id("cohort-by"))).selectByValue("tier");
		browser.findElement(By.id("cohort-apply")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("by=tier"));
		waitForChart("logo-cohort-chart");
		String cohorts = browser.findElement(By.id("logo-cohort-chart")).getDomAttribute("data-chart");
		assertThat(cohorts).as("the tiers' labels, not their codes")
			.containsAnyOf("\"segment\":\"SMB\"", "\"segment\":\"Mid-market\"", "\"segment\":\"Enterprise\"")
			.doesNotContain("\"segment\":\"smb\"", "\"segment\":\"mid-market\"", "\"segment\":\"enterprise\"");
		assertThat(browser.findElement(By.id("mrr-months")).getText()).containsPattern("[A-Z][a-z]{2} \\d{4}");
		assertThat(browser.findElement(By.id("renewals")).getText()).contains("¥");
		Browser.assertMoneyAxisFits(browser, "waterfall-chart", "[-−]?¥[\\d,.]+[KMB]?");
		Browser.screenshot(browser, "revenue-en");
	}

	@Test
	void aViewerMayViewTheDashboardAndBadBreakdownsAreIgnored() throws Exception {
		WebSession viewer = WebSession.signedIn(port, this.viewer, PASSWORD);
		HttpResponse<String> page = viewer.get("/revenue?by=attribute%3Ax%27--&lang=en");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("waterfall-chart").doesNotContain("x'--");
		HttpClient anonymous = HttpClient.newBuilder().build();
		assertThat(get(anonymous, "/revenue").statusCode()).as("signed-out users are sent to sign in").isEqualTo(302);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}

	private void waitForChart(String id) {
		Browser.waitForChart(browser, id);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	private HttpResponse<String> get(HttpClient client, String path) throws Exception {
		return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
	}

}
