package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.feedback.Survey;
import io.kizuna.feedback.SurveyAnswers;
import io.kizuna.feedback.SurveyDraft;
import io.kizuna.feedback.SurveyManagement;
import io.kizuna.feedback.SurveyReports;
import io.kizuna.feedback.SurveySettings;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Surveys in a real browser, in ja and en: a contact answers by their personal link (the scale, the follow-up text,
 * submit, the thank-you page; the link then says it was used), and the VoC overview shows the NPS trend and the
 * detractor's comment, with no English on the Japanese page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyPagesIT {

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
	SurveyManagement surveys;

	@Autowired
	SurveyAnswers answers;

	@Autowired
	SurveyReports reports;

	ChromeDriver browser;

	WorkspaceId workspace;

	Survey nps;

	@BeforeAll
	void start() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("survey-ui-" + run, "Surveys UI", "JPY", "Asia/Tokyo", "ja")).id();
		String email = "csm-" + run + "@example.com";
		people.createUser(workspace, email, "CSM", PASSWORD, Role.CSM);
		accounts.saveAccount(workspace, "s-acme", new AccountDraft("アンケート株式会社", null, null, "enterprise", null, null,
				null, Map.of()));
		for (String c : List.of("ja-user", "en-user")) {
			accounts.saveContact(workspace, c, new ContactDraft(c + "@" + run + ".example", "回答 " + c, null, "s-acme", null,
					Map.of()));
		}
		surveys.saveSettings(workspace, new SurveySettings(0, false));
		nps = surveys.create(workspace, new SurveyDraft("nps", "四半期NPS", "ja", null, null, null, null, null, null, null));
		answers.importResponses(workspace, List.of(answers.pastResponse(workspace, nps.id(), "ja-user", null, "2",
				"ログインできない日がありました", "ja", Instant.now().minus(40, ChronoUnit.DAYS))));
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
	void aContactAnswersByTheirLinkInJapaneseAndInEnglish() throws Exception {
		for (String language : List.of("ja", "en")) {
			String contact = language + "-user";
			String link = surveys.link(workspace, nps.id(), contact, "http://127.0.0.1:" + port).orElseThrow();
			browser.get(link + ("en".equals(language) ? "?lang=en&score=4" : "?score=4"));
			Browser.screenshot(browser, "survey-answer-" + language);
			// the follow-up question for a detractor's score, in the page's language
			String follow = browser.findElement(By.id("q-why")).getText();
			assertThat(follow).contains("ja".equals(language) ? "改善すべき" : "What should we improve?");
			browser.findElement(By.cssSelector("input[name=score][value='10']")).click();
			browser.findElement(By.name("why")).sendKeys("ja".equals(language) ? "とても使いやすい <b>です</b>" : "Great <b>tool</b>");
			browser.findElement(By.id("submit-answer")).click();
			new WebDriverWait(browser, java.time.Duration.ofSeconds(20))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("thanks")));
			Browser.screenshot(browser, "survey-thanks-" + language);
			assertThat(browser.findElement(By.id("thanks")).getText())
				.isEqualTo("ja".equals(language) ? "ありがとうございました" : "Thank you");
			browser.get(link);
			assertThat(browser.findElement(By.id("closed")).getText()).isIn("回答済みです", "Already answered");
		}
		var shown = reports.verbatims(workspace, new SurveyReports.VerbatimFilter(nps.id(), null, "promoter", null, null,
				null, null, null, 10));
		assertThat(shown).extracting(r -> r.comment()).containsExactlyInAnyOrder("とても使いやすい <b>です</b>", "Great <b>tool</b>");
		assertThat(shown).allSatisfy(r -> assertThat(r.accountExternalId()).isEqualTo("s-acme"));
	}

	@Test
	void theVocOverviewShowsTheTrendAndTheDetractorsInBothLanguages() throws Exception {
		for (String language : List.of("ja", "en")) {
			browser.get("http://127.0.0.1:" + port + "/feedback?lang=" + language);
			Browser.waitForChart(browser, "voc-nps-chart");
			Browser.screenshot(browser, "voc-" + language);
			assertThat(browser.findElement(By.id("voc-detractors")).getText()).contains("ログインできない日がありました");
			String main = browser.findElement(By.tagName("main")).getText();
			assertThat(main).contains("ja".equals(language) ? "NPSの推移" : "NPS trend");
			if ("ja".equals(language)) {
				assertThat(main.replaceAll("NPS|CSV|CSAT|CES|ARR|VoC|Kizuna", "")).as("no English on the Japanese page")
					.doesNotContainPattern("[A-Za-z]{3,}");
			}
			browser.get("http://127.0.0.1:" + port + "/feedback/surveys/" + nps.id() + "?lang=" + language);
			Browser.screenshot(browser, "survey-results-" + language);
			assertThat(browser.findElement(By.id("responses")).getText()).isNotBlank();
		}
	}
}
