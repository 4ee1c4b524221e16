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

/** The revenue dashboard in a real browser on the demo workspace, in Japanese and English. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevenueDashboardIT {

	static final String PASSWORD = "test-admin-password";

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	DemoLoader demo;

	@Autowired
	Renewals renewals;

	ChromeDriver browser;

	WorkspaceId workspace;

	@BeforeAll
	void start() throws Exception {
		workspace = workspaces.findBySlug("default").orElseThrow().id();
		if (!demo.hasAccounts(workspace)) {
			demo.load(workspace, 42, 40, 60, 2000);
		}
		if (people.findUser("viewer@test.kizuna.local").isEmpty()) {
			people.createUser(workspace, "viewer@test.kizuna.local", "Viewer", PASSWORD, Role.VIEWER);
		}
		browser = Browser.start();
		// Tall enough to show the whole dashboard in one screenshot.
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2700));
		Browser.signIn(browser, port, "admin@test.kizuna.local", PASSWORD);
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
		assertThat(browser.findElements(By.cssSelector("#renewals tbody tr"))).hasSize(due);
		assertThat(browser.findElements(By.cssSelector("#renewals tbody .band"))).hasSize(due)
			.allSatisfy(b -> assertThat(b.getText()).isIn("赤", "黄", "緑", "スコアなし"));
		assertThat(browser.findElement(By.id("renewals")).getText()).containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日");
		assertThat(browser.findElement(By.id("mrr-months")).getText()).containsPattern("\\d{4}年\\d{1,2}月");
		assertThat(browser.findElements(By.cssSelector("#renewal-probabilities tbody tr"))).hasSize(4);
		Browser.screenshot(browser, "revenue-ja");
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
		assertThat(cohorts).containsAnyOf("\"segment\":\"smb\"", "\"segment\":\"mid-market\"",
				"\"segment\":\"enterprise\"");
		assertThat(browser.findElement(By.id("mrr-months")).getText()).containsPattern("[A-Z][a-z]{2} \\d{4}");
		assertThat(browser.findElement(By.id("renewals")).getText()).contains("¥");
		Browser.screenshot(browser, "revenue-en");
	}

	@Test
	void aViewerMayViewTheDashboardAndBadBreakdownsAreIgnored() throws Exception {
		WebSession viewer = WebSession.signedIn(port, "viewer@test.kizuna.local", PASSWORD);
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
