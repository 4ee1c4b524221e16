package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Term;
import io.kizuna.accounts.Vocabulary;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tiers and lifecycle stages are the workspace's vocabularies (issue 13 item 2, ADR 0028): defaults for a new
 * workspace, an admin adds, renames and reorders them on the settings page, and every path that sets them checks
 * them — the REST API with a 400 naming the field, an SDK's group traits left off and shown on the live events page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountVocabulariesIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	AuditTrail auditTrail;

	TestWorkspace own;

	@BeforeEach
	void workspace() {
		own = TestWorkspace.create(workspaces, people, accessKeys, "vocab", "ja");
	}

	@Test
	void aNewWorkspaceHasTheDefaultTiersAndStagesInOrderWithTheirLabels() {
		assertThat(accounts.tiers(own.id()).codes()).containsExactly("smb", "mid-market", "enterprise");
		assertThat(accounts.lifecycleStages(own.id()).codes()).containsExactly("onboarding", "adopting", "mature",
				"renewal", "churned");
		assertThat(accounts.tiers(own.id()).label("enterprise", java.util.Locale.JAPANESE)).isEqualTo("大企業");
		assertThat(accounts.tiers(own.id()).label("enterprise", java.util.Locale.ENGLISH)).isEqualTo("Enterprise");
		assertThat(accounts.tiers(own.id()).label("gold", java.util.Locale.ENGLISH)).isNull();
	}

	@Test
	void theApiRefusesAnUnknownTierOrStageNamingTheFieldAndTakesItOnceAnAdminAddsIt() {
		TestHttp http = new TestHttp(port);
		HttpResponse<String> refused = http.send("POST", "/api/v1/accounts",
				"{\"externalId\":\"v-1\",\"name\":\"V1 KK\",\"tier\":\"gold\",\"lifecycleStage\":\"stage-x\"}",
				own.apiToken());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("tier: not one of this workspace's tiers [smb, mid-market, enterprise]: gold",
				"lifecycleStage: not one of this workspace's lifecycle stages");
		assertThat(accounts.findAccount(own.id(), "v-1")).isEmpty();
		HttpResponse<String> blank = http.send("PUT", "/api/v1/accounts/v-2", "{\"name\":\"  \"}", own.apiToken());
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("name: must not be blank");

		WebSession admin = signedIn(own.adminEmail());
		assertThat(admin.post("/settings/vocabularies/tier", "code=gold&labelJa=" + WebSession.encode("ゴールド")
				+ "&labelEn=Gold").statusCode()).isEqualTo(302);
		assertThat(http.send("POST", "/api/v1/accounts", "{\"externalId\":\"v-1\",\"name\":\"V1 KK\",\"tier\":\"gold\"}",
				own.apiToken()).statusCode()).isEqualTo(201);
		assertThat(accounts.account(own.id(), "v-1").tier()).isEqualTo("gold");
	}

	@Test
	void anAdminAddsRenamesAndReordersOnTheSettingsPageAndOthersCannot() {
		WebSession admin = signedIn(own.adminEmail());
		change(admin, "/settings/vocabularies/tier", "code=gold&labelJa=" + WebSession.encode("ゴールド") + "&labelEn=Gold");
		change(admin, "/settings/vocabularies/tier/gold", "labelJa=" + WebSession.encode("ゴールド会員") + "&labelEn=Gold+member");
		change(admin, "/settings/vocabularies/tier/gold/move", "direction=up");
		change(admin, "/settings/vocabularies/lifecycle_stage/churned/move", "direction=up");
		Vocabulary tiers = accounts.tiers(own.id());
		assertThat(tiers.codes()).containsExactly("smb", "mid-market", "gold", "enterprise");
		assertThat(tiers.find("gold").orElseThrow()).isEqualTo(new Term("gold", "ゴールド会員", "Gold member"));
		assertThat(accounts.lifecycleStages(own.id()).codes()).containsExactly("onboarding", "adopting", "mature",
				"churned", "renewal");
		assertThat(auditTrail.actions(own.id())).contains("vocabulary.added", "vocabulary.renamed", "vocabulary.moved");

		String settings = change(admin, "/settings/vocabularies/tier", "code=Bad+Code&labelJa=&labelEn=x").body();
		assertThat(settings).contains("id=\"vocabularies\"", "ゴールド会員", "コードは英小文字", "日本語の表示名を入力してください");
		assertThat(accounts.tiers(own.id()).codes()).hasSize(4);
		assertThat(change(admin, "/settings/vocabularies/tier?lang=en", "code=gold&labelJa=x&labelEn=x").body())
			.contains("That code already exists.");

		WebSession manager = signedIn(own.user(people, "manager", Role.MANAGER));
		assertThat(manager.post("/settings/vocabularies/tier", "code=silver&labelJa=s&labelEn=s").statusCode())
			.isEqualTo(403);
		assertThat(manager.get("/settings?lang=ja").body()).contains("ゴールド会員").doesNotContain("id=\"add-tier\"");
		assertThat(accounts.tiers(own.id()).contains("silver")).isFalse();
	}

	@Test
	void anSdksUnknownTierIsLeftOffTheAccountAndShownOnTheLiveEventsPage() {
		TestHttp http = new TestHttp(port);
		HttpResponse<String> group = http.segment("/v1/group", """
				{"messageId":"grp-1","userId":"u-1","groupId":"acme","traits":{"name":"Acme KK","tier":"platinum",
				 "lifecycle_stage":"onboarding","plan":"pro"}}""", own.writeKey());
		assertThat(group.statusCode()).as(group.body()).isEqualTo(200);
		Account acme = accounts.account(own.id(), "acme");
		assertThat(acme.name()).isEqualTo("Acme KK");
		assertThat(acme.tier()).as("not stored as sent").isNull();
		assertThat(acme.lifecycleStage()).as("a known stage is applied").isEqualTo("onboarding");
		assertThat(acme.attributes()).containsEntry("plan", "pro").doesNotContainKey("tier");

		http.segment("/v1/group", """
				{"messageId":"grp-2","userId":"u-1","groupId":"acme","traits":{"tier":"enterprise","name":""}}""", own.writeKey());
		assertThat(accounts.account(own.id(), "acme").tier()).isEqualTo("enterprise");
		assertThat(accounts.account(own.id(), "acme").name()).as("an empty name changes nothing").isEqualTo("Acme KK");

		WebSession admin = signedIn(own.adminEmail());
		String live = admin.get("/usage/live?lang=ja").body();
		assertThat(live).contains("ティア「platinum」は反映していません");
		assertThat(admin.get("/usage/live?lang=en").body()).contains("Tier &quot;platinum&quot; not applied");
	}

	@Test
	void inTheBrowserAnAdminAddsATierAndListsShowLabelsNotCodes() throws Exception {
		accounts.saveAccount(own.id(), "lab-1", new io.kizuna.accounts.AccountDraft("ラベル株式会社", null, null, "mid-market",
				null, "onboarding", null, null));
		org.openqa.selenium.chrome.ChromeDriver browser = Browser.start();
		try {
			Browser.signIn(browser, port, own.adminEmail(), TestWorkspace.PASSWORD);
			browser.get("http://127.0.0.1:" + port + "/settings?lang=ja");
			var add = browser.findElement(org.openqa.selenium.By.id("add-tier"));
			add.findElement(org.openqa.selenium.By.name("code")).sendKeys("strategic");
			add.findElement(org.openqa.selenium.By.name("labelJa")).sendKeys("戦略顧客");
			add.findElement(org.openqa.selenium.By.name("labelEn")).sendKeys("Strategic");
			add.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
			new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
				.until(d -> !d.findElements(org.openqa.selenium.By.id("vocabulary-saved")).isEmpty());
			assertThat(browser.findElement(org.openqa.selenium.By.id("terms-tier")).getText()).contains("strategic");
			assertThat(accounts.tiers(own.id()).label("strategic", java.util.Locale.JAPANESE)).isEqualTo("戦略顧客");
			Browser.screenshot(browser, "settings-vocabularies-ja");

			browser.get("http://127.0.0.1:" + port + "/accounts?lang=ja");
			String row = browser.findElement(org.openqa.selenium.By.id("accounts")).getText();
			assertThat(row).contains("ラベル株式会社", "中堅企業", "オンボーディング").doesNotContain("mid-market");
			assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(org.openqa.selenium.By.id("tier")))
				.getOptions()).extracting(org.openqa.selenium.WebElement::getText)
				.containsExactly("すべて", "中小企業", "中堅企業", "大企業", "戦略顧客");
			Browser.screenshot(browser, "accounts-labels-ja");
			browser.get("http://127.0.0.1:" + port + "/accounts/lab-1?lang=en");
			assertThat(browser.findElement(org.openqa.selenium.By.id("header-tier")).getText()).isEqualTo("Mid-market");
			assertThat(browser.findElement(org.openqa.selenium.By.id("header-stage")).getText()).isEqualTo("Onboarding");
			browser.get("http://127.0.0.1:" + port + "/settings?lang=en");
			Browser.screenshot(browser, "settings-vocabularies-en");
		}
		finally {
			browser.quit();
		}
	}

	/** Posts the form and follows the redirect, as the browser does: the page shows that change's outcome. */
	private static HttpResponse<String> change(WebSession session, String path, String form) {
		HttpResponse<String> response = session.post(path, form);
		assertThat(response.statusCode()).as(path).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		String target = java.net.URI.create(location).getRawPath();
		return session.get(target + (path.contains("lang=en") ? "?lang=en" : "?lang=ja"));
	}

	private WebSession signedIn(String email) {
		return WebSession.signedIn(port, email, TestWorkspace.PASSWORD);
	}
}
