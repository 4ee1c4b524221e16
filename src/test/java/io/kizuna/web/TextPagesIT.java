package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.TextAnalytics;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What customers are saying, in a real browser, in ja and en: the page ranks the spiking term, draws its chart and
 * lists the rising issue; its link drills down to the verbatims with the term marked and each linked to its account;
 * account 360 shows the sentiment of what the account wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextPagesIT {

	@LocalServerPort
	int port;

	@Autowired
	TextAnalytics analytics;

	@Autowired
	AccountManagement accounts;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	TestWorkspace ws;

	ChromeDriver browser;

	@BeforeAll
	void start() throws Exception {
		ws = TestWorkspace.create(workspaces, people, keys, "textui", "ja");
		accounts.saveAccount(ws.id(), "acme", new AccountDraft("株式会社アクメ", null, null, "smb", null, null, null, null));
		long acme = accounts.accountIds(ws.id(), List.of("acme")).get("acme");
		List<CustomerText> texts = new ArrayList<>();
		Instant now = Instant.now();
		for (int day = 8; day < 56; day += 4) {
			texts.add(new CustomerText(ws.id(), "note", "usual-" + day, new AccountId(acme), "ダッシュボードの表示について",
					now.minus(Duration.ofDays(day)), "/accounts/acme"));
		}
		for (int i = 0; i < 12; i++) {
			texts.add(new CustomerText(ws.id(), "note", "spike-" + i, new AccountId(acme),
					"リリース後にダッシュボードの表示が遅くて困っています", now.minus(Duration.ofHours(i * 5 + 1)), "/accounts/acme"));
		}
		for (int i = 0; i < 4; i++) {
			texts.add(new CustomerText(ws.id(), "note", "english-" + i, new AccountId(acme),
					"The dashboard is slow since the release", now.minus(Duration.ofHours(i * 7 + 2)), "/accounts/acme"));
		}
		analytics.analyse(ws.id(), texts);
		browser = Browser.start();
		Browser.signIn(browser, port, ws.user(people, "csm", Role.CSM), TestWorkspace.PASSWORD);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theTopicsPageFindsTheSpikeAndDrillsDownToTheVerbatims() throws Exception {
		for (String language : List.of("ja", "en")) {
			boolean ja = "ja".equals(language);
			browser.get("http://127.0.0.1:" + port + "/text?lang=" + language);
			assertThat(browser.findElement(By.tagName("h1")).getText())
				.isEqualTo(ja ? "顧客の声（話題と感情）" : "What customers are saying");
			new WebDriverWait(browser, Duration.ofSeconds(15))
				.until(d -> "true".equals(d.findElement(By.id("term-chart")).getAttribute("data-rendered")));
			assertThat(browser.findElement(By.id("alerts")).getText()).contains(ja ? "急増している話題" : "Rising issues", "ダッシュボード");
			// the chart says what it counts, visibly, in the page's language
			assertThat(browser.findElement(By.id("term-chart-title")).getText())
				.isEqualTo(ja ? "主な話題の週ごとの件数" : "Texts per week for the leading terms");
			Browser.screenshot(browser, "text-overview-" + language);
			if (ja) {
				assertThat(browser.findElement(By.tagName("main")).getText())
					.doesNotContain("Terms of the period", "Rising issues", "Topics");
			}
			WebElement term = browser.findElements(By.cssSelector("#terms a.term")).stream()
				.filter(a -> a.getText().equals("ダッシュボード")).findFirst().orElseThrow();
			term.click();
			new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("term-title")).isEmpty());
			assertThat(browser.findElement(By.id("term-title")).getText())
				.isEqualTo(ja ? "「ダッシュボード」を含む顧客の声" : "“ダッシュボード” in customers’ words");
			assertThat(browser.findElement(By.id("term-chart-title")).getText())
				.isEqualTo(ja ? "「ダッシュボード」を含むテキストの週ごとの件数" : "Texts per week with “ダッシュボード”");
			List<WebElement> verbatims = browser.findElements(By.cssSelector("#verbatims li.verbatim"));
			assertThat(verbatims).hasSizeGreaterThanOrEqualTo(6);
			assertThat(verbatims.get(0).findElements(By.tagName("mark"))).extracting(WebElement::getText)
				.contains("ダッシュボード");
			assertThat(browser.findElements(By.cssSelector("#verbatims a[href='/accounts/acme']"))).isNotEmpty();
			Browser.screenshot(browser, "text-term-" + language);

			browser.get("http://127.0.0.1:" + port + "/accounts/acme?lang=" + language);
			new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("sentiment-panel")).isEmpty());
			assertThat(browser.findElement(By.id("sentiment-panel")).getText())
				.contains(ja ? "書かれた内容の感情" : "Sentiment of what they wrote",
						ja ? "直近26週間のテキスト28件" : "28 texts in the last 26 weeks");
			Browser.screenshot(browser, "text-account-panel-" + language);
		}
	}
}
