package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The import page in a real browser (issue 13 items 1 and 2): a Shift_JIS file broken at line 8 is reported as what
 * it did — the rows before the break stored, the rest not read — and rejected lines give their reason in the
 * reader's language; before any upload, each target's columns and a template to download.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportPageIT {

	static final Charset SHIFT_JIS = Charset.forName("windows-31j");

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

	TestWorkspace own;

	ChromeDriver browser;

	@BeforeAll
	void start() throws Exception {
		own = TestWorkspace.create(workspaces, people, accessKeys, "imppage", "ja");
		browser = Browser.start();
		Browser.signIn(browser, port, own.adminEmail(), TestWorkspace.PASSWORD);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aShiftJisFileBrokenAtLine8SaysTheSevenLinesBeforeWereStoredAndTheRestNot() throws Exception {
		Path csv = file("broken", """
				external_id,name,industry
				P-1,株式会社一,製造
				P-2,株式会社二,製造
				P-3,株式会社三,小売
				P-4,株式会社四,小売
				P-5,株式会社五,金融
				P-6,株式会社六,金融
				P-8,"株式会社八,製造
				P-9,株式会社九,製造
				""", SHIFT_JIS);
		upload("/imports?lang=ja", "accounts", csv);
		String stopped = browser.findElement(By.id("import-stopped")).getText();
		assertThat(stopped).contains("8 行目で読み込みを中止しました", "引用符（\"）が閉じられていません", "2〜7 行目",
				"6 行が保存されています", "8 行目とそれ以降は読み込まれていません");
		assertThat(browser.findElement(By.id("import-summary")).getText()).contains("6 行を読み込み", "6 行をインポート",
				"windows-31j");
		assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("何もインポートされていません");
		assertThat(accounts.findAccount(own.id(), "P-6")).as("what the page says was stored").isPresent();
		assertThat(accounts.findAccount(own.id(), "P-9")).as("what the page says was not read").isEmpty();
		Browser.screenshot(browser, "import-stopped-ja");

		upload("/imports?lang=en", "accounts", csv);
		assertThat(browser.findElement(By.id("import-stopped")).getText()).contains("Reading stopped at line 8",
				"a quote (\") is not closed", "lines 2 to 7", "6 rows were stored");
		Browser.screenshot(browser, "import-stopped-en");
	}

	@Test
	void rejectedLinesGiveTheirReasonInTheReadersLanguage() throws Exception {
		Path csv = file("reasons", """
				external_id,name,tier,lifecycle_stage
				R-1,株式会社アール,enterprise,onboarding
				R-2,,smb,
				R-3,株式会社ゴールド,gold,
				R-4,株式会社ステージ,smb,stage-x
				""", SHIFT_JIS);
		upload("/imports?lang=ja", "accounts", csv);
		String rejected = browser.findElement(By.id("rejected")).getText();
		assertThat(rejected).contains("列「name」が空です（必須）",
				"列「tier」の「gold」はこのワークスペースのティアにありません（smb, mid-market, enterprise）",
				"列「lifecycle_stage」の「stage-x」はこのワークスペースのライフサイクルステージにありません")
			.doesNotContain("required", "not one of");
		assertThat(browser.findElement(By.id("rejected-causes")).getText()).contains("必須の列「name」が空：1 行",
				"登録されていないティア：1 行");
		Browser.screenshot(browser, "import-rejected-ja");
		upload("/imports?lang=en", "accounts", csv);
		assertThat(browser.findElement(By.id("rejected")).getText()).contains("Column \"name\" is empty (required)",
				"Column \"tier\": \"gold\" is not one of this workspace's tiers");
		Browser.screenshot(browser, "import-rejected-en");
	}

	@Test
	void aRefusedFileSaysWhyInTheReadersLanguage() throws Exception {
		Path csv = file("refused", "external_id,plan,colour\nS-1,Standard,red\n", SHIFT_JIS);
		browser.get("http://127.0.0.1:" + port + "/imports?lang=ja");
		new Select(browser.findElement(By.id("kind"))).selectByValue("subscriptions");
		browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
		browser.findElement(By.id("upload")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.cssSelector("#result .error-card")).isEmpty());
		assertThat(browser.findElement(By.id("result")).getText()).contains("何もインポートされていません",
				"見出し（列名）がこのインポートに合いません", "必須の列「mrr」がありません", "列「colour」はこのインポートでは使えません")
			.doesNotContain("missing column", "expected columns");
	}

	@Test
	void eachTargetsColumnsAndATemplateAreShownBeforeUpload() throws Exception {
		browser.get("http://127.0.0.1:" + port + "/imports?lang=ja");
		String accountsRow = browser.findElement(By.id("columns-accounts")).getText();
		assertThat(accountsRow).contains("アカウント", "external_id", "name", "tier", "lifecycle_stage",
				"これ以外の列はカスタム属性として保存します");
		assertThat(browser.findElement(By.cssSelector("#columns-accounts .required-columns")).getText())
			.isEqualTo("external_id, name");
		assertThat(browser.findElement(By.id("columns-subscriptions")).getText()).contains("account_external_id", "mrr");
		assertThat(browser.findElements(By.cssSelector("#import-columns tbody tr"))).hasSizeGreaterThanOrEqualTo(5);
		Browser.screenshot(browser, "import-columns-ja");

		String href = browser.findElement(By.id("template-accounts")).getDomAttribute("href");
		WebSession session = WebSession.signedIn(port, own.adminEmail(), TestWorkspace.PASSWORD);
		var template = session.get(href);
		assertThat(template.statusCode()).isEqualTo(200);
		assertThat(template.headers().firstValue("Content-Disposition").orElse("")).contains("accounts-template.csv");
		assertThat(template.body()).startsWith("\uFEFFexternal_id,name,domain,industry,tier,lifecycle_stage,parent_external_id\r\n");
		// The template imports as it is: its example row is a valid account.
		Path downloaded = Files.createTempFile("template", ".csv");
		Files.writeString(downloaded, template.body().substring(1));
		upload("/imports?lang=en", "accounts", downloaded);
		assertThat(browser.findElement(By.id("import-summary")).getText()).contains("1 rows read: 1 imported");
		assertThat(accounts.account(own.id(), "A-1001").tier()).isEqualTo("enterprise");
		browser.get("http://127.0.0.1:" + port + "/imports?lang=en");
		Browser.screenshot(browser, "import-columns-en");
	}

	private void upload(String page, String kind, Path csv) {
		browser.get("http://127.0.0.1:" + port + page);
		new Select(browser.findElement(By.id("kind"))).selectByValue(kind);
		browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
		browser.findElement(By.id("upload")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.id("import-summary")).isEmpty());
	}

	private static Path file(String name, String text, Charset charset) throws java.io.IOException {
		Path csv = Files.createTempFile(name, ".csv");
		Files.write(csv, text.getBytes(charset));
		return csv;
	}
}
