package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.segments.SegmentManagement;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The segment builder in a real browser, in ja and en: a condition added, the count shown, the text beside it,
 * saved, and the segment used as a filter on the accounts list and the worklist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentPagesIT {

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
	SegmentManagement segments;

	@Autowired
	io.kizuna.segments.TouchModelManagement touch;

	String email;

	ChromeDriver browser;

	WorkspaceId workspace;

	@BeforeAll
	void start() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("seg-ui-" + run, "Segments UI", "JPY", "Asia/Tokyo", "ja")).id();
		email = "csm-" + run + "@example.com";
		people.createUser(workspace, email, "CSM", PASSWORD, Role.CSM);
		for (int i = 0; i < 5; i++) {
			accounts.saveAccount(workspace, "ent-" + i, new AccountDraft("エンタープライズ" + i + "株式会社", null, null,
					"enterprise", null, null, null, Map.of("region", i < 3 ? "kanto" : "kansai")));
		}
		for (int i = 0; i < 4; i++) {
			accounts.saveAccount(workspace, "smb-" + i, new AccountDraft("Small " + i + " KK", null, null, "smb", null,
					null, null, Map.of()));
		}
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
	void aSegmentBuiltInTheBuilderIsCountedSavedAndFiltersTheLists() throws Exception {
		build("en", "kanto-enterprise-en", "Kanto enterprise", "3 accounts");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kanto enterprise");
		Browser.screenshot(browser, "segment-editor-en");
		open("/segments?lang=en");
		assertThat(browser.findElement(By.id("segment-kanto-enterprise-en")).getText()).contains("Kanto enterprise", "3");
		Browser.screenshot(browser, "segments-en");
		browser.findElement(By.cssSelector("#segment-kanto-enterprise-en a[href*='/accounts?segment=']")).click();
		waitFor(d -> d.getCurrentUrl().contains("/accounts?segment="));
		assertThat(rows()).containsExactlyInAnyOrder("ent-0", "ent-1", "ent-2");
		assertThat(new Select(browser.findElement(By.id("segment"))).getFirstSelectedOption().getText())
			.isEqualTo("Kanto enterprise");
		Browser.screenshot(browser, "accounts-filtered-by-segment-en");
		open("/at-risk?segment=kanto-enterprise-en&lang=en");
		assertThat(browser.findElements(By.id("filter-invalid"))).isEmpty();

		build("ja", "kanto-enterprise-ja", "関東のエンタープライズ", "3社");
		assertThat(browser.findElement(By.id("text-form")).getText()).contains("テキスト");
		Browser.screenshot(browser, "segment-editor-ja");
		open("/segments?lang=ja");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("セグメント");
		Browser.screenshot(browser, "segments-ja");
		open("/accounts?segment=kanto-enterprise-ja&lang=ja");
		assertThat(rows()).containsExactlyInAnyOrder("ent-0", "ent-1", "ent-2");
	}

	@Test
	void aTypedDefinitionWithAnErrorIsExplainedInJapanese() {
		open("/segments/new?lang=ja");
		WebElement text = browser.findElement(By.id("definition"));
		text.clear();
		text.sendKeys("tier > 3");
		browser.findElement(By.id("use-text")).click();
		waitFor(d -> !d.findElements(By.id("definition-error")).isEmpty());
		assertThat(browser.findElement(By.id("definition-error")).getText())
			.isEqualTo("1文字目: tier はテキストです。「>」で比べられるのは数値・金額・日付だけです。= 、in または contains を使ってください。");
		text = browser.findElement(By.id("definition"));
		text.clear();
		text.sendKeys("tier = \"smb\" or attributes.region = \"kansai\"");
		browser.findElement(By.id("use-text")).click();
		waitFor(d -> d.findElement(By.id("preview")).getText().contains("6社"));
		assertThat(browser.findElements(By.cssSelector("#group-0 .condition"))).hasSize(2);
		assertThat(browser.findElement(By.id("g0-match")).getAttribute("value")).isEqualTo("or");
	}

	@Test
	void theTouchModelPageShowsEachOwnersBookInBothLanguages() throws Exception {
		open("/touch-model?lang=ja");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("タッチモデルと担当顧客");
		assertThat(browser.findElement(By.id("book-of-business")).getText()).contains("担当なし", "ハイタッチ", "テックタッチ");
		Browser.screenshot(browser, "touch-model-ja");
		open("/touch-model?lang=en");
		assertThat(browser.findElement(By.id("book-of-business")).getText()).contains("No owner", "High-touch");
		Browser.screenshot(browser, "touch-model-en");
	}

	@Test
	void theTouchLevelIsAColumnAndAFilterOfTheAccountsListAndItsExport() throws Exception {
		// saving the model places every account: enterprise is high-touch by the default rule, the rest tech-touch
		touch.save(workspace, touch.levels(workspace));
		open("/accounts?lang=ja");
		assertThat(browser.findElement(By.cssSelector("#accounts thead")).getText()).contains("タッチレベル");
		new Select(browser.findElement(By.id("touch"))).selectByVisibleText("ハイタッチ");
		browser.findElement(By.id("apply")).click();
		waitFor(d -> d.getCurrentUrl().contains("touch=high"));
		assertThat(rows()).containsExactlyInAnyOrder("ent-0", "ent-1", "ent-2", "ent-3", "ent-4");
		assertThat(browser.findElements(By.cssSelector("#accounts tbody td.touch")).stream().map(WebElement::getText)
			.distinct()).containsExactly("ハイタッチ");
		assertThat(browser.findElement(By.id("export-csv")).getAttribute("href")).contains("touch=high");
		Browser.screenshot(browser, "accounts-touch-filter-ja");
		open("/accounts?touch=tech&lang=en");
		assertThat(rows()).containsExactlyInAnyOrder("smb-0", "smb-1", "smb-2", "smb-3");
		assertThat(new Select(browser.findElement(By.id("touch"))).getFirstSelectedOption().getText())
			.isEqualTo("Tech-touch");
		assertThat(browser.findElements(By.cssSelector("#accounts tbody td.touch")).stream().map(WebElement::getText)
			.distinct()).containsExactly("Tech-touch");
		Browser.screenshot(browser, "accounts-touch-filter-en");
		open("/accounts?touch=nonsense&lang=en");
		assertThat(browser.findElement(By.id("filter-invalid")).isDisplayed()).isTrue();
		assertThat(rows()).hasSize(9);

		WebSession session = WebSession.signedIn(port, email, PASSWORD);
		List<org.apache.commons.csv.CSVRecord> file = org.apache.commons.csv.CSVFormat.DEFAULT
			.parse(new java.io.StringReader(session.get("/exports/accounts.csv?touch=high&lang=ja").body().replace("\uFEFF", "")))
			.getRecords();
		assertThat(file.get(0).values()).endsWith("タッチレベル");
		assertThat(file.subList(1, file.size()).stream().map(r -> r.get(0)).toList())
			.containsExactlyInAnyOrder("ent-0", "ent-1", "ent-2", "ent-3", "ent-4");
		assertThat(file.subList(1, file.size()).stream().map(r -> r.get(r.size() - 1)).distinct()).containsExactly("ハイタッチ");
		List<org.apache.commons.csv.CSVRecord> english = org.apache.commons.csv.CSVFormat.DEFAULT
			.parse(new java.io.StringReader(session.get("/exports/accounts.csv?touch=tech&lang=en").body().replace("\uFEFF", "")))
			.getRecords();
		assertThat(english.get(0).values()).endsWith("Touch level");
		assertThat(english).hasSize(5);
		assertThat(english.subList(1, 5).stream().map(r -> r.get(r.size() - 1)).distinct()).containsExactly("Tech-touch");
	}

	/** New segment: one condition (tier is enterprise), a second added (region = kanto), the count, then save. */
	private void build(String language, String key, String name, String count) {
		open("/segments/new?lang=" + language);
		new Select(browser.findElement(By.id("g0-c0-field"))).selectByValue("tier");
		waitFor(d -> d.findElement(By.id("definition")).getAttribute("value").startsWith("tier = "));
		type("g0-c0-value", "enterprise");
		waitFor(d -> d.findElement(By.id("definition")).getAttribute("value").equals("tier = \"enterprise\""));
		waitFor(d -> d.findElement(By.id("preview")).getText().contains(language.equals("ja") ? "5社" : "5 accounts"));
		browser.findElement(By.id("g0-add")).click();
		waitFor(d -> !d.findElements(By.id("g0-c1-field")).isEmpty());
		// custom attributes are typed as text: the builder shows the text, the text shows the builder
		WebElement text = browser.findElement(By.id("definition"));
		text.clear();
		text.sendKeys("tier = \"enterprise\" and attributes.region = \"kanto\"");
		browser.findElement(By.id("use-text")).click();
		waitFor(d -> d.findElement(By.id("preview")).getText().contains(count));
		assertThat(browser.findElements(By.cssSelector("#group-0 .condition"))).hasSize(2);
		assertThat(browser.findElement(By.id("g0-c1-value")).getAttribute("value")).isEqualTo("kanto");
		browser.findElement(By.id("segment-name")).sendKeys(name);
		browser.findElement(By.id("segment-key")).sendKeys(key);
		browser.findElement(By.id("save-segment")).click();
		waitFor(d -> d.getCurrentUrl().endsWith("/segments/" + key));
		assertThat(segments.get(workspace, key).memberCount()).isEqualTo(3);
		assertThat(segments.get(workspace, key).definition())
			.isEqualTo("tier = \"enterprise\" and attributes.region = \"kanto\"");
	}

	private void type(String id, String value) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(value, Keys.TAB);
	}

	private List<String> rows() {
		return browser.findElements(By.cssSelector("#accounts tbody tr .sub")).stream().map(WebElement::getText).toList();
	}

	private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(condition);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}
}
