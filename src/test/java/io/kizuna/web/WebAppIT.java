package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.demo.DemoLoader;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web app in a real browser, on a small demo workspace of this class's own (so that other classes' data cannot
 * change what it sees); screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppIT {

	static final String PASSWORD = io.kizuna.TestWorkspace.PASSWORD;

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
	io.kizuna.health.HealthAdministration health;

	@Autowired
	io.kizuna.health.HealthScoring scoring;

	@Autowired
	io.kizuna.accounts.AccountManagement accounts;

	@Autowired
	io.kizuna.usage.UsageMetrics usage;

	ChromeDriver browser;

	WorkspaceId workspace;

	io.kizuna.TestWorkspace own;

	String viewer;

	String manager;

	@BeforeAll
	void start() throws Exception {
		own = io.kizuna.TestWorkspace.create(workspaces, people, accessKeys, "webapp", "ja");
		workspace = own.id();
		demo.load(workspace, 42, 40, 60, 2000);
		viewer = own.user(people, "viewer", Role.VIEWER);
		manager = own.user(people, "manager", Role.MANAGER);
		browser = Browser.start();
		signIn(own.adminEmail());
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void portfolioShowsFiguresAndCharts() throws Exception {
		open("/?lang=ja");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ポートフォリオ");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("￥").containsPattern("\\d");
		waitForChart("band-chart");
		waitForChart("mrr-chart");
		assertMoneyAxisFits("mrr-chart", "[-−]?￥[\\d,.]+[万億]?");
		assertThat(yAxisLabels("mrr-chart")).as("the MRR axis of a demo with ¥ millions is in 万 or 億")
			.anyMatch(label -> label.endsWith("万") || label.endsWith("億"));
		Browser.screenshot(browser, "portfolio-ja");
		open("/?lang=en");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Portfolio");
		waitForChart("mrr-chart");
		assertMoneyAxisFits("mrr-chart", "[-−]?¥[\\d,.]+[KMB]?");
		assertThat(yAxisLabels("mrr-chart")).anyMatch(label -> label.endsWith("M") || label.endsWith("K"));
		Browser.screenshot(browser, "portfolio-en");
	}

	@Test
	void theUsageChartShowsEveryDayOfTheWindowIdleDaysAsZero() throws Exception {
		java.time.LocalDate today = scoring.today(workspace);
		java.time.LocalDate from = today.minusDays(89);
		// An account of the demo that had days without usage in the window (an idle stretch, or a late start).
		String idle = null;
		java.util.Set<String> active = null;
		for (int i = 1; i <= 40 && idle == null; i++) {
			String external = String.format("acct-%05d", i);
			var account = accounts.findAccount(workspace, external);
			if (account.isEmpty()) {
				continue;
			}
			var rows = usage.daily(workspace, account.get().id(), from, today);
			if (rows.size() < 90) {
				idle = external;
				active = rows.stream().filter(r -> r.events() > 0).map(r -> r.day().toString())
					.collect(java.util.stream.Collectors.toSet());
			}
		}
		assertThat(idle).as("the demo has an account with idle days").isNotNull();
		open("/accounts/" + idle + "?lang=ja");
		waitForChart("usage-chart");
		waitForChart("health-chart");
		@SuppressWarnings("unchecked")
		var option = (java.util.Map<String, Object>) browser.executeScript("""
				var o = echarts.getInstanceByDom(document.getElementById('usage-chart')).getOption();
				return { axis: o.xAxis[0].type, users: o.series[0].data, events: o.series[1].data };""");
		assertThat(option.get("axis")).isEqualTo("time");
		@SuppressWarnings("unchecked")
		var events = (List<List<Object>>) option.get("events");
		@SuppressWarnings("unchecked")
		var users = (List<List<Object>>) option.get("users");
		assertThat(events).as("one point per day of the 90-day window").hasSize(90);
		assertThat(users).hasSize(90);
		for (int i = 0; i < 90; i++) {
			String day = from.plusDays(i).toString();
			assertThat(events.get(i).get(0)).as("day %d of the window", i).isEqualTo(day);
			if (!active.contains(day)) {
				assertThat(((Number) events.get(i).get(1)).longValue()).as("events on idle day %s", day).isZero();
				assertThat(((Number) users.get(i).get(1)).longValue()).as("users on idle day %s", day).isZero();
			}
		}
		assertThat(events).as("the idle days are drawn, as zeros")
			.anySatisfy(p -> assertThat(((Number) p.get(1)).longValue()).isZero());
		@SuppressWarnings("unchecked")
		var health = (java.util.Map<String, Object>) browser.executeScript("""
				var o = echarts.getInstanceByDom(document.getElementById('health-chart')).getOption();
				var d = o.series[0].data, days = 0;
				for (var i = 1; i < d.length; i++) {
				  days = Math.max(days, (Date.parse(d[i][0]) - Date.parse(d[i - 1][0])) / 86400000);
				}
				return { axis: o.xAxis[0].type, connect: !!o.series[0].connectNulls, largestStep: days };""");
		assertThat(health.get("axis")).isEqualTo("time");
		assertThat(health.get("connect")).as("a day without a score is a gap").isEqualTo(false);
		assertThat(((Number) health.get("largestStep")).doubleValue()).as("no day skipped in the score history")
			.isLessThanOrEqualTo(1.0);
		browser.executeScript("document.getElementById('usage-chart').scrollIntoView({block: 'center'})");
		Browser.screenshot(browser, "account-360-usage-ja");
	}

	@Test
	void accountsListFiltersAndLeadsToTheAccount360() throws Exception {
		open("/accounts?lang=en");
		WebElement search = browser.findElement(By.id("search"));
		search.sendKeys("acct-00007");
		browser.findElement(By.id("apply")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=acct-00007"));
		var rows = browser.findElements(By.cssSelector("#accounts tbody tr"));
		assertThat(rows).hasSize(1);
		Browser.screenshot(browser, "accounts-en");
		rows.get(0).findElement(By.tagName("a")).click();
		assertThat(browser.findElement(By.id("account-name")).getText()).isNotBlank();
		waitForChart("health-chart");
		waitForChart("usage-chart");
		assertThat(browser.findElement(By.id("health-score")).getText()).matches("[\\d.,]+");
		assertThat(browser.findElement(By.id("explanation")).getText()).isNotBlank();
		Browser.screenshot(browser, "account-360-en");
	}

	@Test
	void aNoteIsSavedAndShownAsText() throws Exception {
		open("/accounts/acct-00003?lang=ja");
		String note = "<script>alert('x')</script> 次回の定例で更新を相談";
		browser.findElement(By.id("note-body")).sendKeys(note);
		browser.findElement(By.id("note-save")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.cssSelector("ul.notes")).getText().contains(note));
		assertThat(browser.findElements(By.cssSelector("ul.notes script"))).isEmpty();
		Browser.screenshot(browser, "account-360-ja");
	}

	@Test
	void theNoScoreBandChipHasAnAaContrast() throws Exception {
		open("/revenue?lang=en");
		List<WebElement> none = browser.findElements(By.cssSelector("span.band.none"));
		assertThat(none).as("the no-score chip (unscored accounts)").isNotEmpty();
		// The WCAG contrast ratio of each chip's computed text colour on its computed background.
		@SuppressWarnings("unchecked")
		List<Object> ratios = (List<Object>) browser.executeScript("""
				function rgb(css) { return css.match(/[\\d.]+/g).slice(0, 3).map(Number); }
				function lum(c) {
				  var l = c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
				  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
				}
				return Array.from(document.querySelectorAll('span.band')).map(function (el) {
				  var s = getComputedStyle(el), a = lum(rgb(s.color)), b = lum(rgb(s.backgroundColor));
				  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
				});""");
		assertThat(ratios).hasSizeGreaterThanOrEqualTo(none.size())
			.allSatisfy(ratio -> assertThat(((Number) ratio).doubleValue()).as("contrast ratio").isGreaterThanOrEqualTo(4.5));
	}

	@Test
	void afterSavingANoteTheFocusIsInTheNotesNotOnTheBody() throws Exception {
		open("/accounts/acct-00004?lang=en");
		String note = "Focus check " + System.nanoTime();
		browser.findElement(By.id("note-body")).sendKeys(note);
		browser.findElement(By.id("note-save")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.getCurrentUrl().endsWith("#notes")
					&& d.findElement(By.cssSelector("ul.notes")).getText().contains(note));
		new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(((ChromeDriver) d)
			.executeScript("return document.activeElement !== document.body"
					+ " && document.activeElement.closest('#notes') !== null")));
		assertThat(browser.executeScript("return document.activeElement.closest('#notes').id")).isEqualTo("notes");
	}

	@Test
	void theWorklistRanksRiskFirstThenByRevenueAtRisk() throws Exception {
		open("/at-risk?lang=en");
		assertThat(browser.findElement(By.id("worklist-ranking")).getText()).isEqualTo(
				"Accounts with an open signal or a red or yellow band come first, then the rest; within each group, the"
						+ " largest revenue at risk first. Revenue at risk is ARR × (100 − health score) / 100: the part"
						+ " of the ARR the score says is at risk.");
		List<WorklistRow> rows = worklistRows();
		assertThat(rows).hasSizeGreaterThan(5);
		Browser.screenshot(browser, "at-risk-en");
		// The whole list, every page of it (25 a page): the demo has more live accounts than one page.
		List<WorklistRow> all = new java.util.ArrayList<>(rows);
		while (!browser.findElements(By.id("next-page")).isEmpty()) {
			browser.findElement(By.id("next-page")).click();
			all.addAll(worklistRows());
		}
		assertThat(all).hasSizeGreaterThan(25);
		assertThat(browser.findElement(By.cssSelector("p.count")).getText()).isEqualTo(all.size() + " accounts");
		// Risk first (an open signal, or a red or yellow band), then the rest; within each, revenue at risk, largest first.
		assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing((WorklistRow r) -> !r.atRisk())
			.thenComparing(WorklistRow::risk, java.util.Comparator.reverseOrder()));
		assertThat(all).anyMatch(WorklistRow::atRisk).anyMatch(r -> !r.atRisk());
		// A green account without a signal ranks after every red one, whatever its revenue at risk.
		int lastRed = -1;
		int firstQuietGreen = -1;
		for (int i = 0; i < all.size(); i++) {
			if (all.get(i).band().equals("red")) {
				lastRed = i;
			}
			if (firstQuietGreen < 0 && all.get(i).band().equals("green") && all.get(i).signals() == 0) {
				firstQuietGreen = i;
			}
		}
		assertThat(lastRed).as("the demo has a red account").isNotNegative();
		assertThat(firstQuietGreen).as("the demo has a green account without signals").isNotNegative();
		assertThat(firstQuietGreen).isGreaterThan(lastRed);
		open("/at-risk?band=red&lang=en");
		List<WorklistRow> red = worklistRows();
		assertThat(red).isNotEmpty().hasSizeLessThan(all.size()).allSatisfy(row -> assertThat(row.band()).isEqualTo("red"));
		assertThat(red).isSortedAccordingTo(java.util.Comparator.comparing(WorklistRow::risk).reversed());
		open("/at-risk?renewal=90&lang=en");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("At-risk worklist");
		open("/at-risk?lang=ja");
		assertThat(browser.findElement(By.id("worklist-ranking")).getText()).isEqualTo(
				"未解決のシグナルがある顧客、またはヘルス帯が赤・黄の顧客を先に、その他の顧客を後に並べ、それぞれの中でリスク収益の大きい順に表示します。"
						+ "リスク収益は ARR × (100 − ヘルススコア) ÷ 100 で、ARR のうちスコアがリスクありと示す部分です。");
	}

	@Test
	void theWorklistPagerMovesToPage2KeepingTheFilters() throws Exception {
		// Renewing within ten years: a filter that keeps more than one page of the demo's accounts.
		open("/at-risk?renewal=3650&lang=en");
		List<WorklistRow> first = worklistRows();
		assertThat(first).hasSize(25);
		assertThat(browser.findElements(By.id("previous-page"))).isEmpty();
		String count = browser.findElement(By.cssSelector("p.count")).getText();
		assertThat(browser.findElement(By.cssSelector("nav.pager span")).getText()).isEqualTo("Page 1 of 2");
		WebElement next = browser.findElement(By.id("next-page"));
		assertThat(next.getDomAttribute("href")).isEqualTo("/at-risk?renewal=3650&page=1");
		next.click();
		assertThat(browser.getCurrentUrl()).endsWith("/at-risk?renewal=3650&page=1");
		List<WorklistRow> second = worklistRows();
		assertThat(second).isNotEmpty().hasSizeLessThanOrEqualTo(25);
		assertThat(second).extracting(WorklistRow::externalId).doesNotContainAnyElementsOf(
				first.stream().map(WorklistRow::externalId).toList());
		assertThat(browser.findElement(By.cssSelector("p.count")).getText()).isEqualTo(count);
		assertThat(Long.parseLong(count.replaceAll("\\D", ""))).isEqualTo(first.size() + second.size());
		assertThat(browser.findElement(By.cssSelector("nav.pager span")).getText()).isEqualTo("Page 2 of 2");
		assertThat(browser.findElements(By.id("next-page"))).isEmpty();
		assertThat(browser.findElement(By.id("previous-page")).getDomAttribute("href"))
			.isEqualTo("/at-risk?renewal=3650&page=0");
		// The ranking goes on across the page break.
		WorklistRow lastOfFirst = first.get(first.size() - 1);
		WorklistRow firstOfSecond = second.get(0);
		assertThat(!lastOfFirst.atRisk() && firstOfSecond.atRisk()).isFalse();
		if (lastOfFirst.atRisk() == firstOfSecond.atRisk()) {
			assertThat(firstOfSecond.risk()).isLessThanOrEqualTo(lastOfFirst.risk());
		}
		// Filters of several kinds are all kept.
		open("/at-risk?band=red&renewal=3650&mine=true&lang=en");
		assertThat(browser.findElements(By.id("next-page"))).isEmpty();
		open("/at-risk?band=red&renewal=3650&mine=true&page=1&lang=en");
		assertThat(browser.findElement(By.id("previous-page")).getDomAttribute("href"))
			.isEqualTo("/at-risk?band=red&renewal=3650&mine=true&page=0");
	}

	/** A worklist row as shown: band, signals, revenue at risk, checked against ARR × (100 − score) / 100. */
	private record WorklistRow(String externalId, String band, int signals, long risk) {

		boolean atRisk() {
			return signals > 0 || band.equals("red") || band.equals("yellow");
		}
	}

	private List<WorklistRow> worklistRows() {
		List<WorklistRow> rows = new java.util.ArrayList<>();
		for (WebElement row : browser.findElements(By.cssSelector("#worklist tbody tr"))) {
			List<WebElement> cells = row.findElements(By.tagName("td"));
			double score = Double.parseDouble(cells.get(2).getText().replace(",", ""));
			long arr = yen(cells.get(3).getText());
			long risk = yen(cells.get(4).getText());
			assertThat((double) risk).as(cells.get(0).getText() + ": ARR × (100 − score) / 100")
				.isCloseTo(arr * (100 - score) / 100, org.assertj.core.api.Assertions.within(arr * 0.001 + 1));
			String band = cells.get(2).findElement(By.cssSelector("span.band")).getDomAttribute("class")
				.replace("band ", "");
			String href = cells.get(0).findElement(By.tagName("a")).getDomAttribute("href");
			rows.add(new WorklistRow(href.substring(href.lastIndexOf('/') + 1), band, cells.get(6).findElements(By.cssSelector("span.chip")).size(),
					risk));
		}
		return rows;
	}

	private static long yen(String text) {
		assertThat(text).startsWith("¥");
		return Long.parseLong(text.substring(1).replace(",", ""));
	}

	@Test
	void aCsvWithABadRowIsImportedAndTheRowReported() throws Exception {
		java.nio.file.Path csv = java.nio.file.Files.createTempFile("accounts", ".csv");
		java.nio.file.Files.writeString(csv, "external_id,name,tier\nweb-1,株式会社ウェブ,smb\n,名無し,smb\n");
		open("/imports?lang=en");
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("kind"))).selectByValue("accounts");
		browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
		browser.findElement(By.id("upload")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.id("import-summary")).isEmpty());
		assertThat(browser.findElement(By.id("import-summary")).getText()).contains("2 rows read", "1 imported", "1 rejected");
		assertThat(browser.findElement(By.id("rejected")).getText()).contains("3", "Column \"external_id\" is empty (required)");
		Browser.screenshot(browser, "import-en");
	}

	@Test
	void adminsIssueWriteKeysShownOnce() throws Exception {
		open("/settings?lang=en");
		browser.findElement(By.cssSelector("#keys input[name=name]")).sendKeys("browser test");
		browser.findElement(By.id("new-write-key")).click();
		String secret = new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.id("new-secret")).getText());
		assertThat(secret).startsWith("wk_");
		assertThat(accessKeys.authenticateWriteKey(secret)).hasValue(workspace);
		Browser.screenshot(browser, "settings-en");
		open("/settings?lang=en");
		assertThat(browser.getPageSource()).doesNotContain(secret);
	}

	@Test
	void scorecardChangesArePreviewedThenSaved() throws Exception {
		open("/settings?lang=en");
		browser.findElement(By.cssSelector("a.edit-scorecard")).click();
		WebElement red = browser.findElement(By.id("red-below"));
		red.clear();
		red.sendKeys("60");
		browser.findElement(By.id("preview-button")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.id("distribution")).isEmpty());
		assertThat(browser.findElement(By.id("distribution")).getText()).contains("Red");
		assertThat(health.scorecards(workspace).get(0).definition().redBelow()).as("a preview saves nothing")
			.isEqualTo(40.0);
		Browser.screenshot(browser, "scorecard-en");
		WebElement weight = browser.findElement(By.id("w-days_since_active"));
		weight.clear();
		weight.sendKeys("0");
		red = browser.findElement(By.id("red-below"));
		red.clear();
		red.sendKeys("40");
		browser.findElement(By.id("save-button")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.until(d -> health.scorecards(workspace).get(0).definition().measures().stream()
				.anyMatch(m -> m.measure().equals("days_since_active") && m.weight() == 0));
		health.updateScorecard(workspace, health.scorecards(workspace).get(0).id(), "Default",
				io.kizuna.health.ScorecardDefinition.standard());
	}

	@Test
	void theAccountsListFiltersAndSortsAndKeepsItsStateInTheUrl() throws Exception {
		open("/accounts?lang=en");
		new Select(browser.findElement(By.id("tier"))).selectByValue("enterprise");
		new Select(browser.findElement(By.id("sort"))).selectByValue("arr");
		new Select(browser.findElement(By.id("dir"))).selectByValue("desc");
		browser.findElement(By.id("apply")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> d.getCurrentUrl().contains("sort=arr") && d.getCurrentUrl().contains("dir=desc"));
		List<WebElement> rows = browser.findElements(By.cssSelector("#accounts tbody tr"));
		assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getDomAttribute("data-tier")).isEqualTo("enterprise"));
		assertThat(arr(rows)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		String bookmarked = browser.getCurrentUrl();
		String first = rows.get(0).findElement(By.tagName("a")).getText();
		Browser.screenshot(browser, "accounts-sorted-en");

		browser.findElement(By.id("sort-arr")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("dir=asc"));
		assertThat(browser.getCurrentUrl()).as("the filter stays when the sort changes").contains("tier=enterprise");
		assertThat(arr(browser.findElements(By.cssSelector("#accounts tbody tr")))).isSorted();
		assertThat(browser.findElement(By.cssSelector("th[aria-sort=ascending]")).getText()).contains("ARR");

		browser.get(bookmarked);
		assertThat(browser.findElements(By.cssSelector("#accounts tbody tr")).get(0).findElement(By.tagName("a")).getText())
			.as("a bookmarked view comes back the same").isEqualTo(first);

		open("/accounts?band=red&sort=score&lang=en");
		assertThat(browser.findElements(By.cssSelector("#accounts tbody tr"))).isNotEmpty()
			.allSatisfy(row -> assertThat(row.getDomAttribute("data-band")).isEqualTo("red"));
		open("/accounts?renewal=90&signal=paying_idle&lang=en");
		assertThat(new Select(browser.findElement(By.id("renewal"))).getFirstSelectedOption().getText()).isEqualTo("Within 90 days");

		open("/accounts?sort=name%3Bdrop%20table%20account&lang=en");
		assertThat(browser.findElement(By.id("filter-invalid")).getText()).contains("ignored");
		assertThat(browser.findElements(By.cssSelector("#accounts tbody tr"))).isNotEmpty();
		assertThat((Boolean) browser.executeScript("""
				return [...document.querySelectorAll('#account-filters input, #account-filters select')]
				  .every(control => control.closest('label') !== null)""")).as("every filter has a label").isTrue();
	}

	@Test
	void adminsChangeTheWorkspaceLanguageAndTimeZone() throws Exception {
		try {
			open("/settings?lang=ja");
			WebElement currency = browser.findElement(By.id("ws-currency"));
			currency.clear();
			currency.sendKeys("XYZ");
			browser.findElement(By.id("ws-save")).click();
			assertThat(waitFor("workspace-errors").getText()).contains("ISO 4217");
			assertThat(workspaces.get(workspace).currency().getCurrencyCode()).as("nothing saved").isEqualTo("JPY");

			currency = browser.findElement(By.id("ws-currency"));
			currency.clear();
			currency.sendKeys("JPY");
			WebElement zone = browser.findElement(By.id("ws-time-zone"));
			zone.clear();
			zone.sendKeys("America/New_York");
			new Select(browser.findElement(By.id("ws-locale"))).selectByValue("en");
			browser.findElement(By.id("ws-save")).click();
			waitFor("workspace-saved");
			assertThat(workspaces.get(workspace).timeZone()).isEqualTo(java.time.ZoneId.of("America/New_York"));

			browser.manage().deleteCookieNamed("kizuna-lang");
			open("/");
			assertThat(browser.findElement(By.tagName("h1")).getText()).as("the workspace language is the default")
				.isEqualTo("Portfolio");
			open("/settings");
			String now = browser.findElement(By.id("workspace-now")).getText();
			java.time.LocalDate newYork = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"));
			assertThat(now).contains("America/New_York").contains(java.time.format.DateTimeFormatter
				.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(java.util.Locale.ENGLISH).format(newYork));
			assertThat(health.settings(workspace)).as("workspace settings leave the health settings as they were")
				.isEqualTo(new io.kizuna.health.HealthSettings(List.of("Report Created", "Integration Connected"),
						io.kizuna.health.SignalThresholds.defaults()));
			Browser.screenshot(browser, "settings-workspace-en");
		}
		finally {
			workspaces.updateSettings(workspace, new io.kizuna.workspace.WorkspaceSettings("JPY", "Asia/Tokyo", "ja"), "test");
		}
	}

	@Test
	void aScoringRuleIsPreviewedThenSavedAndAnInvalidOneExplained() throws Exception {
		try {
			open("/settings?lang=ja");
			browser.findElement(By.cssSelector("a.edit-scorecard")).click();
			WebElement thresholds = browser.findElement(By.id("thresholds-days_since_active"));
			thresholds.clear();
			thresholds.sendKeys("2, 4");
			WebElement scores = browser.findElement(By.id("scores-days_since_active"));
			scores.clear();
			scores.sendKeys("100, 50");
			browser.findElement(By.id("preview-button")).click();
			assertThat(waitFor("scorecard-errors").getText()).contains("保存されていません", "しきい値を n 個");
			assertThat(rule("days_since_active").thresholds()).as("nothing saved").hasSize(5);

			new Select(browser.findElement(By.id("type-days_since_active"))).selectByValue("linear");
			WebElement from = browser.findElement(By.id("from-days_since_active"));
			from.clear();
			from.sendKeys("30");
			WebElement to = browser.findElement(By.id("to-days_since_active"));
			to.clear();
			to.sendKeys("0");
			browser.findElement(By.id("preview-button")).click();
			new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
				.until(d -> !d.findElements(By.id("distribution")).isEmpty());
			assertThat(rule("days_since_active").type()).as("a preview saves nothing").isEqualTo("bands");
			Browser.screenshot(browser, "scorecard-rule-ja");
			browser.findElement(By.id("save-button")).click();
			new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "linear".equals(rule("days_since_active").type()));
			assertThat(rule("days_since_active").from()).isEqualTo(30.0);
			assertThat(rule("days_since_active").to()).isEqualTo(0.0);
		}
		finally {
			health.updateScorecard(workspace, health.scorecards(workspace).get(0).id(), "Default",
					io.kizuna.health.ScorecardDefinition.standard());
		}
	}

	@Test
	void theKeyboardReachesTheSkipLinkTheNavigationAndTheFiltersWithAVisibleFocus() throws Exception {
		open("/accounts?lang=en");
		org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser);
		keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
		WebElement skip = browser.switchTo().activeElement();
		assertThat(skip.getText()).isEqualTo("Skip to content");
		assertThat(skip.getCssValue("outline-style")).as("visible focus").isEqualTo("solid");
		keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
		assertThat(browser.getCurrentUrl()).endsWith("#main");
		// From the main content, the first form control takes the focus next and shows it.
		keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
		WebElement control = browser.switchTo().activeElement();
		assertThat(control.getTagName()).isIn("input", "select", "button", "a");
		assertThat(control.getCssValue("outline-style")).isEqualTo("solid");
		assertThat(browser.findElement(By.cssSelector("main")).findElements(By.xpath(".//*"))).contains(control);
	}

	@Test
	void pagesFitATabletWidth() throws Exception {
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024));
		try {
			for (String[] page : new String[][] { { "/?lang=en", "portfolio" }, { "/accounts?lang=en", "accounts" },
					{ "/accounts/acct-00003?lang=en", "account-360" }, { "/at-risk?lang=en", "at-risk" },
					{ "/settings?lang=en", "settings" },
					{ "/settings/scorecards/" + health.scorecards(workspace).get(0).id() + "?lang=en", "scorecard" } }) {
				open(page[0]);
				long width = (Long) browser.executeScript("return document.documentElement.scrollWidth");
				long viewport = (Long) browser.executeScript("return window.innerWidth");
				assertThat(width).as(page[1] + " has no sideways scrolling").isLessThanOrEqualTo(viewport);
				Browser.screenshot(browser, page[1] + "-768");
			}
		}
		finally {
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
		}
	}

	@Test
	void onlyAdminsChangeTheWorkspace() throws Exception {
		HttpClient manager = signedInClient(this.manager);
		HttpResponse<String> settings = get(manager, "/settings");
		assertThat(settings.statusCode()).isEqualTo(200);
		assertThat(settings.body()).doesNotContain("workspace-form");
		HttpResponse<String> post = manager.send(request("/settings/workspace")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("currency=USD&timeZone=UTC&locale=en&_csrf=" + csrf(settings.body())))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(workspaces.get(workspace).currency().getCurrencyCode()).isEqualTo("JPY");
	}

	private HttpClient signedInClient(String email) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		client.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + java.net.URLEncoder.encode(email, "UTF-8")
					+ "&password=" + PASSWORD + "&_csrf=" + csrf(get(client, "/login").body())))
			.build(), HttpResponse.BodyHandlers.ofString());
		return client;
	}

	private io.kizuna.health.ScoringRule rule(String measure) {
		return health.scorecards(workspace).get(0).definition().measures().stream()
			.filter(m -> m.measure().equals(measure))
			.findFirst()
			.orElseThrow()
			.rule();
	}

	private WebElement waitFor(String id) {
		return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElements(By.id(id)).isEmpty() ? null : d.findElement(By.id(id)));
	}

	private static List<Long> arr(List<WebElement> rows) {
		return rows.stream().map(row -> row.getDomAttribute("data-arr")).filter(v -> v != null && !v.isEmpty())
			.map(Long::valueOf).toList();
	}

	@Test
	void anotherWorkspacesAccountIsNotFound() throws Exception {
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId other = workspaces.create(new io.kizuna.workspace.NewWorkspace("web-" + run, "Other", "JPY",
				"Asia/Tokyo", "ja")).id();
		String email = "outsider-" + run + "@example.com";
		people.createUser(other, email, "Outsider", PASSWORD, Role.ADMIN);
		HttpClient outsider = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		outsider.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + java.net.URLEncoder.encode(email, "UTF-8")
					+ "&password=" + PASSWORD + "&_csrf=" + csrf(get(outsider, "/login").body())))
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> page = outsider.send(request("/accounts/acct-00001").header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<h1>").doesNotContain("acct-00001-u1");
		assertThat(get(outsider, "/accounts").body()).doesNotContain("acct-00001");
	}

	@Test
	void viewersCannotChangeAnything() throws Exception {
		HttpClient viewer = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String csrf = csrf(get(viewer, "/login").body());
		HttpResponse<String> signedIn = viewer.send(request("/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"username=" + java.net.URLEncoder.encode(this.viewer, "UTF-8") + "&password=" + PASSWORD + "&_csrf=" + csrf))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		HttpResponse<String> page = get(viewer, "/accounts/acct-00003");
		assertThat(page.body()).doesNotContain("note-body");
		HttpResponse<String> post = viewer.send(request("/accounts/acct-00003/notes")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("body=sneaky&_csrf=" + csrf(page.body())))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(get(viewer, "/settings").statusCode()).isEqualTo(403);
		assertThat(viewer.send(request("/settings/workspace").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("currency=USD&timeZone=UTC&locale=en&_csrf=" + csrf(page.body())))
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
		assertThat(get(viewer, "/imports").statusCode()).isEqualTo(403);
	}

	private void signIn(String email) {
		Browser.signIn(browser, port, email, PASSWORD);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}

	private void waitForChart(String id) {
		Browser.waitForChart(browser, id);
	}

	private List<String> yAxisLabels(String id) {
		return Browser.yAxisLabels(browser, id);
	}

	private void assertMoneyAxisFits(String id, String pattern) {
		Browser.assertMoneyAxisFits(browser, id, pattern);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	private HttpResponse<String> get(HttpClient client, String path) throws Exception {
		return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String html) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" (?:type=\"hidden\" )?value=\"([^\"]+)\"").matcher(html);
		if (!matcher.find()) {
			matcher = Pattern.compile("type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
			assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		}
		return matcher.group(1);
	}
}
