package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.onboarding.OnboardingManagement;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The onboarding screens in a real browser, in en and ja: a plan built in the editor (a bad key explained), the
 * account 360 panel with a milestone marked done by hand, and the cohort view's chart and table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingPagesIT {

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
	OnboardingManagement onboarding;

	ChromeDriver browser;

	WorkspaceId workspace;

	String manager;

	@BeforeAll
	void start() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("onb-ui-" + run, "Onboarding UI", "JPY", "Asia/Tokyo", "ja")).id();
		String email = "manager-" + run + "@example.com";
		people.createUser(workspace, email, "Manager", PASSWORD, Role.MANAGER);
		manager = email;
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(12);
		for (String id : new String[] { "onb-en", "onb-ja" }) {
			accounts.saveAccount(workspace, id, new AccountDraft("オンボード" + id + "株式会社", null, null, "enterprise", null,
					null, null, Map.of()));
			accounts.saveSubscription(workspace, "sub-" + id, new SubscriptionDraft(id, "app", "Enterprise", 50_000L,
					"JPY", 10, "active", start, start.plusYears(1), null, null, start));
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
	void aPlanIsBuiltTheAccountPanelShowsItAndTheCohortsChartIt() throws Exception {
		open("/onboarding/plans/new?lang=en");
		fill("plan-key", "Bad Key");
		fill("plan-name-ja", "エンタープライズ導入");
		fill("plan-name-en", "Enterprise onboarding");
		// the browser's own pattern check would stop the form: the server's message is what is tested
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("document.getElementById('plan-key').removeAttribute('pattern')");
		new Select(browser.findElement(By.id("plan-scope"))).selectByValue("plan");
		fill("plan-scope-value", "Enterprise");
		fill("m0.key", "kickoff");
		fill("m0.nameJa", "キックオフ");
		fill("m0.nameEn", "Kickoff");
		new Select(browser.findElement(By.id("m0.kind"))).selectByValue("manual");
		fill("m0.dueDay", "3");
		fill("m1.key", "integration");
		fill("m1.nameJa", "データ連携");
		fill("m1.nameEn", "Data integration");
		fill("m1.eventName", "Integration Connected");
		fill("m1.dueDay", "21");
		browser.findElement(By.id("m1.firstValue")).click();
		browser.findElement(By.id("save-plan")).click();
		waitFor(d -> !d.findElements(By.id("plan-errors")).isEmpty());
		assertThat(browser.findElement(By.id("plan-errors")).getText()).contains("The key \"Bad Key\" must be lower-case");
		assertThat(browser.findElement(By.id("m1.key")).getAttribute("value")).isEqualTo("integration");
		Browser.screenshot(browser, "onboarding-editor-error-en");
		fill("plan-key", "enterprise");
		browser.findElement(By.id("save-plan")).click();
		waitFor(d -> !d.findElements(By.id("plan-saved")).isEmpty());
		assertThat(browser.findElement(By.id("plan-enterprise")).getText())
			.contains("Enterprise onboarding", "Subscription plan \"Enterprise\"", "2", "Data integration");
		Browser.screenshot(browser, "onboarding-plans-en");

		open("/accounts/onb-en?lang=en");
		WebElement panel = browser.findElement(By.id("onboarding-panel"));
		assertThat(panel.getText()).contains("Enterprise onboarding", "Kickoff", "Overdue", "Not yet");
		assertThat(browser.findElement(By.id("onboarding-percent")).getText()).isEqualTo("0%");
		browser.findElement(By.id("mark-done-kickoff")).click();
		waitFor(d -> d.findElement(By.id("onboarding-percent")).getText().equals("50%"));
		assertThat(browser.findElement(By.id("onboarding-step-kickoff")).getText()).contains("by hand");
		browser.findElement(By.id("onboarding-panel")).getLocation();
		Browser.screenshot(browser, "onboarding-account-panel-en");

		open("/onboarding/cohorts?lang=en");
		Browser.waitForChart(browser, "onboarding-cohort-chart");
		assertThat(browser.findElement(By.cssSelector("#cohorts tbody tr")).getText()).contains("Enterprise onboarding",
				"2");
		assertThat(browser.findElement(By.cssSelector("#cohorts tbody tr .rate")).getText()).isNotBlank().contains("%");
		Browser.screenshot(browser, "onboarding-cohorts-en");

		open("/onboarding?lang=ja");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("オンボーディング");
		assertThat(browser.findElement(By.id("plan-enterprise")).getText()).contains("エンタープライズ導入", "契約プラン「Enterprise」");
		Browser.screenshot(browser, "onboarding-plans-ja");
		open("/onboarding/plans/enterprise?lang=ja");
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("document.getElementById('m1.count').removeAttribute('min')");
		fill("m1.count", "0");
		browser.findElement(By.id("save-plan")).click();
		waitFor(d -> !d.findElements(By.id("plan-errors")).isEmpty());
		assertThat(browser.findElement(By.id("plan-errors")).getText())
			.isEqualTo("マイルストーン「integration」: 回数・人数は1～100,000にしてください。");
		Browser.screenshot(browser, "onboarding-editor-ja");

		open("/accounts/onb-ja?lang=ja");
		assertThat(browser.findElement(By.id("onboarding-panel")).getText()).contains("エンタープライズ導入", "期限超過",
				"未達", "完了にする");
		browser.findElement(By.id("mark-done-kickoff")).click();
		waitFor(d -> d.findElement(By.id("onboarding-percent")).getText().equals("50%"));
		assertThat(browser.findElement(By.id("onboarding-step-kickoff")).getText()).contains("手動");
		Browser.screenshot(browser, "onboarding-account-panel-ja");
		open("/onboarding/cohorts?lang=ja");
		Browser.waitForChart(browser, "onboarding-cohort-chart");
		assertThat(browser.findElement(By.cssSelector("#cohorts thead")).getText()).contains("完了率",
				"最初の価値までの日数（中央値）");
		Browser.screenshot(browser, "onboarding-cohorts-ja");
		assertThat(onboarding.progress(workspace, "onb-ja").progress()).isEqualTo(50);
	}

	/**
	 * "Add milestone" gives another blank row (htmx swaps the milestones only: what was typed stays, the new row's key
	 * takes the focus), as many as the plan may keep; the third row here counts the users of one event.
	 */
	@Test
	void theEditorAddsMilestoneRowsAndOffersTheUsersOfAnEvent() throws Exception {
		open("/onboarding/plans/new?lang=ja");
		assertThat(browser.findElements(By.id("m2.key"))).isEmpty();
		fill("plan-key", "many");
		fill("plan-name-ja", "多段階");
		fill("plan-name-en", "Many steps");
		new Select(browser.findElement(By.id("plan-scope"))).selectByValue("tier");
		fill("plan-scope-value", "smb");
		fill("m0.key", "kickoff");
		fill("m0.nameJa", "キックオフ");
		fill("m0.nameEn", "Kickoff");
		new Select(browser.findElement(By.id("m0.kind"))).selectByValue("manual");
		fill("m1.nameJa", "キーはまだ");
		browser.findElement(By.id("add-milestone")).click();
		waitFor(d -> !d.findElements(By.id("m2.key")).isEmpty());
		waitFor(d -> "m2.key".equals(d.switchTo().activeElement().getAttribute("id")));
		assertThat(browser.findElement(By.id("m0.key")).getAttribute("value")).isEqualTo("kickoff");
		assertThat(browser.findElement(By.id("m1.nameJa")).getAttribute("value")).as("a row without a key is kept")
			.isEqualTo("キーはまだ");
		assertThat(browser.findElement(By.id("plan-key")).getAttribute("value")).isEqualTo("many");
		browser.findElement(By.id("add-milestone")).click();
		waitFor(d -> !d.findElements(By.id("m3.key")).isEmpty());
		fill("m1.key", "invite");
		fill("m1.nameEn", "Invite");
		fill("m1.eventName", "Invite Sent");
		fill("m2.key", "reporters");
		fill("m2.nameJa", "3人がレポート作成");
		fill("m2.nameEn", "Three report authors");
		Select kind = new Select(browser.findElement(By.id("m2.kind")));
		assertThat(kind.getOptions()).extracting(WebElement::getText).contains("イベントの利用ユーザー数");
		kind.selectByValue("event_users");
		fill("m2.eventName", "Report Created");
		fill("m2.count", "3");
		fill("m2.withinDays", "14");
		fill("m2.dueDay", "14");
		fill("m3.key", "review");
		fill("m3.nameJa", "振り返り");
		fill("m3.nameEn", "Review");
		new Select(browser.findElement(By.id("m3.kind"))).selectByValue("manual");
		Browser.screenshot(browser, "onboarding-editor-rows-ja");
		browser.findElement(By.id("save-plan")).click();
		waitFor(d -> !d.findElements(By.id("plan-saved")).isEmpty());
		var plan = onboarding.plan(workspace, "many");
		assertThat(plan.milestones()).extracting(io.kizuna.onboarding.Milestone::key)
			.containsExactly("kickoff", "invite", "reporters", "review");
		assertThat(plan.milestones().get(2)).satisfies(m -> {
			assertThat(m.kind()).isEqualTo(io.kizuna.onboarding.MilestoneKind.EVENT_USERS);
			assertThat(m.eventName()).isEqualTo("Report Created");
			assertThat(m.count()).isEqualTo(3);
		});
	}

	/** The bound is the server's: more milestones than a plan keeps are refused with the reason, and no row is added. */
	@Test
	void aPlanKeepsAtMostFiftyMilestones() {
		WebSession session = WebSession.signedIn(port, manager, PASSWORD);
		StringBuilder form = new StringBuilder("key=long&nameJa=%E9%95%B7%E3%81%84&nameEn=Long&scope=tier&scopeValue=mid-market");
		for (int i = 0; i < 51; i++) {
			form.append("&m").append(i).append(".key=step-").append(i).append("&m").append(i).append(".nameJa=s")
				.append("&m").append(i).append(".nameEn=s&m").append(i).append(".kind=manual&m").append(i)
				.append(".count=1&m").append(i).append(".withinDays=30&m").append(i).append(".dueDay=3");
		}
		String refused = session.post("/onboarding/plans?lang=ja", form.toString()).body();
		assertThat(refused).contains("1つのプランのマイルストーンは50件までです。").contains("id=\"m50.key\"")
			.doesNotContain("id=\"add-milestone\"");
		assertThat(onboarding.plans(workspace)).extracting(io.kizuna.onboarding.OnboardingPlan::key).doesNotContain("long");

		String fifty = form.toString().replaceAll("&m50\\.[^&]*", "");
		String full = session.post("/onboarding/plans?lang=en", fifty + "&action=add-milestone").body();
		assertThat(full).contains("id=\"m49.key\"").doesNotContain("id=\"m50.key\"")
			.contains("id=\"milestones-full\"").contains("A plan has at most 50 milestones.");
		assertThat(onboarding.plans(workspace)).extracting(io.kizuna.onboarding.OnboardingPlan::key)
			.as("adding a row saves nothing").doesNotContain("long");
		String more = session.post("/onboarding/plans?lang=en", "key=x&nameJa=x&nameEn=x&scope=default&m0.key=a"
				+ "&action=add-milestone").body();
		assertThat(more).contains("id=\"m1.key\"").doesNotContain("id=\"m2.key\"").contains("id=\"add-milestone\"");
	}

	private void fill(String id, String value) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(condition);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}
}
