package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.TestWorkspace;
import io.kizuna.demo.DemoLoader;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The LTV page of a demo workspace is not empty: the demo brings purchases, and its models are fitted at load. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LtvDemoPageIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	DemoLoader demo;

	ChromeDriver browser;

	@BeforeAll
	void start() throws Exception {
		TestWorkspace workspace = TestWorkspace.create(workspaces, people, accessKeys, "ltv-demo", "ja");
		demo.load(workspace.id(), 42, 80, 90, 2_000);
		browser = Browser.start();
		Browser.signIn(browser, port, workspace.adminEmail(), workspace.password());
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theDemosLtvPageShowsPlansSegmentsAndCustomersInBothLanguages() throws Exception {
		for (String lang : new String[] { "ja", "en" }) {
			browser.get("http://127.0.0.1:" + port + "/revenue/ltv?lang=" + lang);
			Browser.waitForChart(browser, "ltv-plan-chart");
			Browser.waitForChart(browser, "rfm-chart");
			assertThat(browser.findElements(By.id("no-transactions"))).isEmpty();
			assertThat(browser.findElements(By.id("clv-problem"))).isEmpty();
			assertThat(browser.findElements(By.cssSelector("#top-customers tbody tr"))).hasSize(20);
			// ja writes the yen sign full width (￥), en half width (¥).
			assertThat(browser.findElement(By.id("top-customers")).getText()).contains("acct-", "%").containsPattern("[¥￥]");
			assertThat(browser.findElement(By.id("plans")).getText()).contains("Standard").containsPattern("[¥￥]");
			Browser.screenshot(browser, "ltv-demo-" + lang);
			browser.executeScript("document.getElementById('top-title').scrollIntoView()");
			Browser.screenshot(browser, "ltv-demo-customers-" + lang);
		}
		browser.findElement(By.cssSelector("#top-customers tbody tr a")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.id("ltv-customers")).isEmpty());
		assertThat(browser.findElement(By.id("ltv-customers")).getText()).contains("acct-", "3 or more");
		browser.executeScript("document.getElementById('ltv-panel').scrollIntoView()");
		Browser.screenshot(browser, "account-360-ltv-demo-en");
	}
}
