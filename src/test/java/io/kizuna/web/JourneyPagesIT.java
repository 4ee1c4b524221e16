package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.journeys.JourneyManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
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
 * The journey view and the account 360 stage panel in a real browser, in ja and en: the Sankey drawn from the stage
 * changes with the stages' names in the page's language, the pair table counting each change, and a stage set by
 * hand on an account that then shows in its history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyPagesIT {

	static final String PASSWORD = "correct-horse-battery";

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JourneyManagement journeys;

	ChromeDriver browser;

	WorkspaceId workspace;

	long csm;

	@BeforeAll
	void start() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("journey-ui-" + run, "Journeys UI", "JPY", "Asia/Tokyo", "ja")).id();
		String email = "csm-" + run + "@example.com";
		csm = people.createUser(workspace, email, "CSM", PASSWORD, Role.CSM).id();
		// Three accounts onboard and adopt; one of them then expands.
		for (int i = 0; i < 3; i++) {
			accounts.saveAccount(workspace, "j-" + i, new AccountDraft("ジャーニー" + i + "株式会社", null, null, "smb", null,
					null, null, Map.of()));
			journeys.setStage(workspace, "j-" + i, "onboarding", csm, true);
			journeys.setStage(workspace, "j-" + i, "adopting", csm, true);
		}
		journeys.setStage(workspace, "j-0", "expansion", csm, true);
		accounts.saveAccount(workspace, "j-hand", new AccountDraft("手動設定株式会社", null, null, "smb", null, null, null,
				Map.of()));
		browser = Browser.start();
		Browser.signIn(browser, port, email, PASSWORD);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theSankeyShowsTheChangesWithTheStagesNamedInThePagesLanguage() throws Exception {
		for (String language : List.of("ja", "en")) {
			Map<String, String> names = Map.of("onboarding", label("onboarding", language), "adopting",
					label("adopting", language), "expansion", label("expansion", language));
			browser.get("http://127.0.0.1:" + port + "/journeys?lang=" + language);
			Browser.waitForChart(browser, "journey-sankey");
			Browser.screenshot(browser, "journeys-" + language);
			@SuppressWarnings("unchecked")
			List<String> nodes = (List<String>) browser.executeScript("""
					var chart = echarts.getInstanceByDom(document.getElementById('journey-sankey'));
					return chart.getOption().series[0].data.map(function (n) { return n.label && n.label.formatter
					  ? n.label.formatter : (n.displayName || n.name); });""");
			assertThat(String.join(" ", nodes)).as(language + " Sankey nodes")
				.contains(names.get("onboarding"), names.get("adopting"), names.get("expansion"));
			String pairs = browser.findElement(By.id("journey-transitions")).getText();
			assertThat(pairs).as(language + " pair table").contains(names.get("onboarding"), names.get("adopting"));
			// onboarding → adopting three times, adopting → expansion once
			assertThat(browser.findElements(By.cssSelector("#journey-transitions tbody tr")))
				.extracting(row -> row.getText())
				.anySatisfy(row -> assertThat(row).contains(names.get("onboarding"), names.get("adopting")).endsWith("3"))
				.anySatisfy(row -> assertThat(row).contains(names.get("adopting"), names.get("expansion")).endsWith("1"));
			if (language.equals("ja")) {
				assertThat(browser.findElement(By.tagName("main")).getText()).as("no English on the Japanese page")
					.doesNotContain("Onboarding", "Adoption", "Expansion", "Stage");
			}
		}
	}

	@Test
	void aStageSetOnAccount360ShowsInItsHistory() throws Exception {
		for (String language : List.of("ja", "en")) {
			String target = language.equals("ja") ? "renewal" : "at_risk";
			browser.get("http://127.0.0.1:" + port + "/accounts/j-hand?lang=" + language);
			new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("stage-select")).isEmpty());
			new Select(browser.findElement(By.id("stage-select"))).selectByValue(target);
			browser.findElement(By.id("stage-save")).click();
			new WebDriverWait(browser, Duration.ofSeconds(15))
				.until(d -> !d.findElements(By.id("stage-current")).isEmpty()
						&& d.findElement(By.id("stage-current")).getText().equals(label(target, language)));
			Browser.screenshot(browser, "account-stage-" + language);
			assertThat(browser.findElement(By.id("stage-history")).getText()).as(language + " history")
				.contains(label(target, language));
		}
		assertThat(journeys.accountStage(workspace, "j-hand").stage()).isEqualTo("at_risk");
		assertThat(journeys.history(workspace, "j-hand", 10)).hasSize(2);
	}

	private String label(String code, String language) {
		var term = journeys.stageLabels(workspace).get(code);
		return language.equals("ja") ? term.labelJa() : term.labelEn();
	}
}
