package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountQuery;
import io.kizuna.demo.DemoLoader;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.Scorecard;
import io.kizuna.health.ScorecardDefinition;
import io.kizuna.health.ScorecardPreview;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.AuditQuery;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scorecard editor's preview: live accounts per band now and with the change, and the accounts that would move
 * band (name, bands, scores); and a scorecard for a tier added from the settings page. On a small demo workspace of
 * this class's own, in a real browser, Japanese and English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorecardPreviewIT {

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

	@Autowired
	AccountManagement accounts;

	@Autowired
	AuditTrail audit;

	TestWorkspace own;

	ChromeDriver browser;

	@BeforeAll
	void start() throws Exception {
		own = TestWorkspace.create(workspaces, people, accessKeys, "preview", "ja");
		demo.load(own.id(), 42, 40, 60, 2000);
		browser = Browser.start();
		Browser.signIn(browser, port, own.adminEmail(), own.password());
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void thePreviewShowsBeforeAndAfterPerBandAndTheAccountsThatChangeBand() throws Exception {
		Scorecard standard = health.scorecards(own.id()).get(0);
		ScorecardDefinition stricter = new ScorecardDefinition(standard.definition().measures(), 70.0, 90.0);
		ScorecardPreview expected = health.previewChange(own.id(), standard.id(), stricter);
		assertThat(expected.changed()).as("raising the cut-offs moves accounts down").isPositive();

		open("/settings/scorecards/" + standard.id() + "?lang=ja");
		replace("red-below", "70");
		replace("green-from", "90");
		browser.findElement(By.id("preview-button")).click();
		WebElement comparison = waitFor("band-comparison");
		for (String band : List.of("red", "yellow", "green")) {
			WebElement row = comparison.findElement(By.id("band-row-" + band));
			assertThat(row.findElement(By.cssSelector(".before")).getText())
				.isEqualTo(String.valueOf(expected.before().getOrDefault(band, 0)));
			assertThat(row.findElement(By.cssSelector(".after")).getText())
				.isEqualTo(String.valueOf(expected.after().getOrDefault(band, 0)));
		}
		int redDelta = expected.delta("red");
		assertThat(comparison.findElement(By.id("band-row-red")).findElement(By.cssSelector(".delta")).getText())
			.isEqualTo((redDelta > 0 ? "+" : "") + redDelta);
		assertThat(browser.findElement(By.id("changed-count")).getText())
			.isEqualTo(expected.changed() + " 社のヘルス帯が変わります。");
		List<WebElement> rows = browser.findElements(By.cssSelector("#band-changes tr.band-change"));
		assertThat(rows).hasSize(expected.shown().size());
		ScorecardPreview.BandChange first = expected.shown().get(0);
		assertThat(rows.get(0).getText()).contains(first.name()).contains("→");
		assertThat(rows.get(0).getDomAttribute("data-account")).isEqualTo(first.externalId());
		assertThat(health.scorecards(own.id()).get(0).definition().redBelow()).as("a preview saves nothing")
			.isEqualTo(standard.definition().redBelow());
		scrollTo("preview");
		Browser.screenshot(browser, "scorecard-preview-ja");

		open("/settings/scorecards/" + standard.id() + "?lang=en");
		replace("red-below", "70");
		replace("green-from", "90");
		browser.findElement(By.id("preview-button")).click();
		waitFor("band-comparison");
		assertThat(browser.findElement(By.id("changed-count")).getText())
			.isEqualTo(expected.changed() + " accounts would change band.");
		assertThat(browser.findElement(By.id("band-comparison")).getText()).contains("Now", "With these settings", "Red");
		scrollTo("preview");
		Browser.screenshot(browser, "scorecard-preview-en");
	}

	@Test
	void aScorecardForATierIsAddedFromTheSettingsPageAndChangesOnlyThatTier() throws Exception {
		open("/settings?lang=en");
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-scorecard-tier"))).selectByValue("enterprise");
		browser.findElement(By.id("new-scorecard")).click();
		assertThat(waitFor("scorecard-created").getText()).contains("enterprise");
		Scorecard card = health.scorecards(own.id()).stream()
			.filter(c -> "enterprise".equals(c.tier()))
			.findFirst()
			.orElseThrow();
		assertThat(card.name()).isEqualTo("enterprise");
		assertThat(card.definition()).isEqualTo(health.scorecards(own.id()).get(0).definition());
		assertThat(audit.page(own.id(), new AuditQuery("scorecard.created", own.adminEmail(), 0, 10)).items()).hasSize(1);
		Browser.screenshot(browser, "scorecard-tier-created-en");

		replace("red-below", "80");
		replace("green-from", "95");
		browser.findElement(By.id("preview-button")).click();
		waitFor("band-comparison");
		Map<String, String> tiers = accounts.accounts(own.id(), new AccountQuery(null, null, null, null, 0, 100))
			.items()
			.stream()
			.collect(Collectors.toMap(Account::externalId, a -> a.tier() == null ? "" : a.tier()));
		List<String> moved = browser.findElements(By.cssSelector("#band-changes tr.band-change"))
			.stream()
			.map(row -> row.getDomAttribute("data-account"))
			.toList();
		scrollTo("preview");
		Browser.screenshot(browser, "scorecard-tier-preview-en");
		assertThat(moved).as("only enterprise accounts move").isNotEmpty().allMatch(id -> "enterprise".equals(tiers.get(id)));

		open("/settings?lang=ja");
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-scorecard-tier"))).selectByValue("enterprise");
		browser.findElement(By.id("new-scorecard")).click();
		assertThat(waitFor("scorecard-new-error").getText()).contains("すでにスコアカードがあります");
		scrollTo("scorecards");
		Browser.screenshot(browser, "scorecard-tier-exists-ja");
	}

	private void scrollTo(String id) {
		browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}

	private void replace(String id, String value) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	private WebElement waitFor(String id) {
		return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElements(By.id(id)).isEmpty() ? null : d.findElement(By.id(id)));
	}
}
