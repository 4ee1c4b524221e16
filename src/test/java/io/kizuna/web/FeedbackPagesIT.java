package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.feedback.PortalLinks;
import io.kizuna.feedback.RequestDraft;
import io.kizuna.feedback.ReviewDraft;
import io.kizuna.feedback.Reviews;
import io.kizuna.feedback.VoteDraft;
import io.kizuna.workspace.AccessKeys;
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
 * Feature requests in a real browser, in ja and en: a customer votes through the portal by their signed link and sees
 * the vote taken; a CSM merges two requests on the request page and sees the votes moved; the board and the reviews
 * page read in the page's language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackPagesIT {

	@LocalServerPort
	int port;

	@Autowired
	FeatureRequests requests;

	@Autowired
	Reviews reviews;

	@Autowired
	PortalLinks links;

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
		ws = TestWorkspace.create(workspaces, people, keys, "fbui", "ja");
		for (String id : List.of("ja", "en")) {
			accounts.saveAccount(ws.id(), "acct-" + id, new AccountDraft("顧客 " + id, null, null, "smb", null, null, null,
					Map.of()));
			accounts.saveContact(ws.id(), "person-" + id, new ContactDraft(id + "@acct.example.com",
					"ja".equals(id) ? "佐藤 花子" : "Alex Morgan", null, "acct-" + id, null, Map.of()));
		}
		reviews.save(ws.id(), new ReviewDraft("itreview", "ui-1", new BigDecimal("2"), "ログインできない", "二段階認証のあとにログインできない。",
				"佐藤 花子", "ja@acct.example.com", LocalDate.now().minusDays(2), null, "ja", null));
		reviews.save(ws.id(), new ReviewDraft("g2", "ui-2", new BigDecimal("4.5"), "Great tool", "Health scores help.",
				"Sam", null, LocalDate.now().minusMonths(1), null, "en", null));
		String csm = ws.user(people, "csm", Role.CSM);
		browser = Browser.start();
		Browser.signIn(browser, port, csm, TestWorkspace.PASSWORD);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aCustomerVotesThroughTheirSignedLink() throws Exception {
		for (String language : List.of("ja", "en")) {
			long request = requests.create(ws.id(), new RequestDraft("ja".equals(language) ? "ダークモード" : "Dark mode",
					"ja".equals(language) ? "夜でも目が疲れない画面に。" : "Easier on the eyes at night.", null, List.of()), "t").id();
			String link = links.link(ws.id(), "person-" + language, language).replace("http://localhost:8080",
					"http://127.0.0.1:" + port);
			browser.get(link);
			assertThat(browser.findElement(By.id("portal-voter")).getText())
				.contains("ja".equals(language) ? "佐藤 花子 様" : "Hello Alex Morgan");
			browser.findElement(By.id("vote-" + request)).click();
			new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("portal-voted")).isEmpty());
			Browser.screenshot(browser, "feedback-portal-" + language);
			assertThat(browser.findElement(By.id("portal-voted")).getText())
				.isEqualTo("ja".equals(language) ? "投票いただきありがとうございます。" : "Thank you for your vote.");
			assertThat(browser.findElement(By.id("request-" + request)).getText())
				.contains("ja".equals(language) ? "投票済みです" : "You voted", "ja".equals(language) ? "1票" : "1 votes");
			assertThat(browser.findElements(By.id("vote-" + request))).isEmpty();
			assertThat(requests.votes(ws.id(), request, 10)).singleElement()
				.satisfies(v -> assertThat(v.language()).isEqualTo(language))
				.satisfies(v -> assertThat(v.via()).isEqualTo("portal"));
			if ("ja".equals(language)) {
				assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Vote", "Thank");
			}
		}
	}

	@Test
	void aCsmMergesTwoRequests() throws Exception {
		for (String language : List.of("ja", "en")) {
			long target = requests.create(ws.id(), new RequestDraft("SSO " + language, "", null, List.of()), "t").id();
			long duplicate = requests.create(ws.id(), new RequestDraft("Okta " + language, "", null, List.of()), "t").id();
			requests.vote(ws.id(), target, new VoteDraft("acct-ja", null, language, "account", null, null), "t");
			requests.vote(ws.id(), duplicate, new VoteDraft("acct-ja", null, language, "account", null, null), "t");
			requests.vote(ws.id(), duplicate, new VoteDraft("acct-en", null, language, "account", null, null), "t");

			browser.get("http://127.0.0.1:" + port + "/feedback/requests/" + duplicate + "?lang=" + language);
			new Select(browser.findElement(By.id("merge-target"))).selectByValue(Long.toString(target));
			browser.findElement(By.id("merge-submit")).click();
			new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("merged-ok")).isEmpty());
			Browser.screenshot(browser, "feedback-merged-" + language);
			assertThat(browser.getCurrentUrl()).contains("/feedback/requests/" + target);
			assertThat(browser.findElement(By.id("merged-ok")).getText()).contains("#" + duplicate);
			// acct-ja voted for both and counts once; acct-en's vote moved
			assertThat(browser.findElement(By.id("demand-votes")).getText()).isEqualTo("2");
			assertThat(browser.findElement(By.id("demand-accounts")).getText()).isEqualTo("2");
			assertThat(browser.findElements(By.cssSelector("#votes tbody tr"))).hasSize(2);
			assertThat(requests.get(ws.id(), duplicate).mergedInto()).isEqualTo(target);

			browser.get("http://127.0.0.1:" + port + "/feedback/requests?sort=accounts&lang=" + language);
			Browser.screenshot(browser, "feedback-board-" + language);
			String board = browser.findElement(By.id("board")).getText();
			assertThat(board).contains("SSO " + language).doesNotContain("Okta " + language);
			browser.get("http://127.0.0.1:" + port + "/feedback/reviews?lang=" + language);
			Browser.screenshot(browser, "feedback-reviews-" + language);
			assertThat(browser.findElement(By.id("review-ratings")).getText()).contains("ITreview", "G2");
			browser.get("http://127.0.0.1:" + port + "/accounts/acct-ja?lang=" + language);
			new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("requests-panel")).isEmpty());
			Browser.screenshot(browser, "feedback-account-panel-" + language);
			if ("ja".equals(language)) {
				assertThat(browser.findElement(By.tagName("main")).getText()).contains("要望")
					.doesNotContain("Feature request", "Vote for");
			}
		}
	}
}
