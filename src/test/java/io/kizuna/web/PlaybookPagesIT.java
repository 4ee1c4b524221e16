package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.playbooks.Playbook;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskDraft;
import io.kizuna.playbooks.TaskManagement;
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

/** In the browser, in ja and en: building a playbook with its preview, saving and activating it; the task inbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybookPagesIT {

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
	PlaybookManagement playbooks;

	@Autowired
	TaskManagement tasks;

	ChromeDriver browser;

	WorkspaceId workspace;

	long manager;

	@BeforeAll
	void start() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("pb-ui-" + run, "Playbooks UI", "JPY", "Asia/Tokyo", "ja")).id();
		String email = "mgr-" + run + "@example.com";
		manager = people.createUser(workspace, email, "山田 太郎", PASSWORD, Role.MANAGER).id();
		for (int i = 0; i < 3; i++) {
			accounts.saveAccount(workspace, "ent-" + i, new AccountDraft("エンタープライズ" + i + "株式会社", null, null,
					"enterprise", manager, null, null, Map.of()));
		}
		accounts.saveAccount(workspace, "smb-0", new AccountDraft("Small KK", null, null, "smb", manager, null, null, Map.of()));
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
	void buildingAPlaybookWithItsPreviewInJapaneseAndEnglish() throws Exception {
		build("ja", "大口顧客の定期確認", "3社が登録されます", "0日目: 担当CSMにタスク「エンタープライズ0株式会社 を確認」");
		Browser.screenshot(browser, "playbook-editor-ja");
		browser.findElement(By.id("activate")).click();
		waitFor(d -> d.findElement(By.id("playbook-status")).getText().equals("有効"));
		assertThat(browser.findElement(By.id("active-note")).getText()).contains("新しい登録にのみ適用");
		build("en", "Key accounts check", "3 accounts would enroll", "Day 0: task \"エンタープライズ0株式会社 を確認\" for the owner");
		Browser.screenshot(browser, "playbook-editor-en");
		open("/playbooks?lang=en");
		assertThat(browser.findElement(By.id("playbooks")).getText()).contains("Key accounts check", "大口顧客の定期確認", "Active", "Draft");
	}

	private void build(String language, String name, String count, String gets) {
		open("/playbooks/new?lang=" + language);
		new Select(browser.findElement(By.id("trigger-type"))).selectByValue("schedule");
		browser.findElement(By.name("trigger.kind")).clear();
		browser.findElement(By.name("trigger.cron")).sendKeys("0 9 * * MON");
		browser.findElement(By.name("condition")).sendKeys("tier = \"enterprise\"");
		// each setting of the step is its own labelled field, codes are choices with labels in the page's language
		boolean ja = language.equals("ja");
		WebElement step = browser.findElement(By.id("step-1"));
		assertThat(step.getText()).contains(ja ? "タスク名" : "Task title", ja ? "担当者" : "Assign to",
				ja ? "アカウントの担当CSM" : "The account's owner").doesNotContain("assignee", "title=");
		WebElement title = browser.findElement(By.name("s0.title"));
		title.clear();
		title.sendKeys("{{account.name}} を確認");
		new Select(browser.findElement(By.name("s0.type"))).selectByVisibleText(ja ? "リスク" : "Risk");
		new Select(browser.findElement(By.name("s0.assignee"))).selectByValue("owner");
		// choosing another step's action brings its fields, labelled
		new Select(browser.findElement(By.cssSelector("#step-2 select[name=stepType]"))).selectByValue("add_note");
		waitFor(d -> !d.findElements(By.name("s1.body")).isEmpty());
		assertThat(browser.findElement(By.id("step-2")).getText()).contains(ja ? "メモ" : "Note");
		new Select(browser.findElement(By.cssSelector("#step-2 select[name=stepType]"))).selectByValue("");
		browser.findElement(By.id("preview-button")).click();
		waitFor(d -> !d.findElements(By.id("preview-count")).isEmpty());
		assertThat(browser.findElement(By.id("preview-count")).getText()).isEqualTo(count);
		assertThat(browser.findElement(By.id("preview-accounts")).getText()).contains(gets);
		browser.findElement(By.name("name")).sendKeys(name);
		browser.findElement(By.id("save-playbook")).click();
		waitFor(d -> d.findElement(By.tagName("h1")).getText().equals(name));
		Playbook saved = playbooks.list(workspace).stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
		assertThat(saved.definition().trigger().settings()).containsEntry("cron", "0 9 * * MON");
		assertThat(saved.definition().condition()).isEqualTo("tier = \"enterprise\"");
		assertThat(saved.definition().steps()).singleElement().satisfies(s -> assertThat(s.settings())
			.containsEntry("title", "{{account.name}} を確認").containsEntry("type", "risk").containsEntry("assignee", "owner"));
	}

	@Test
	void theTaskInboxStartsAndCompletesATaskInBothLanguages() throws Exception {
		for (String language : List.of("ja", "en")) {
			Task task = tasks.create(workspace, new TaskDraft("ent-1", "契約更新の相談 " + language, "renewal", "high",
					tasks.today(workspace).minusDays(1), manager, "更新まで30日", List.of("見積もり送付")), manager);
			open("/tasks?lang=" + language);
			WebElement card = browser.findElement(By.id("task-" + task.id()));
			assertThat(card.getText()).contains("契約更新の相談", language.equals("ja") ? "更新" : "Renewal",
					language.equals("ja") ? "期限切れ" : "Overdue since", "更新まで30日", "見積もり送付");
			card.findElement(By.cssSelector("button.start")).click();
			waitFor(d -> d.findElement(By.id("task-" + task.id())).getText()
				.contains(language.equals("ja") ? "対応中" : "In progress"));
			card = browser.findElement(By.id("task-" + task.id()));
			new Select(card.findElement(By.name("outcome"))).selectByValue("contacted");
			card.findElement(By.cssSelector("form.complete input[name=note]")).sendKeys("電話で合意");
			Browser.screenshot(browser, "tasks-" + language);
			card.findElement(By.cssSelector("button.complete-button")).click();
			waitFor(d -> d.findElements(By.id("task-" + task.id())).isEmpty());
			assertThat(browser.findElement(By.id("flash")).getText())
				.isEqualTo(language.equals("ja") ? "タスクを完了しました。" : "The task is complete.");
			Task done = tasks.get(workspace, task.id());
			assertThat(done.status()).isEqualTo("done");
			assertThat(done.outcome()).isEqualTo("contacted");
			assertThat(done.note()).isEqualTo("電話で合意");
		}
		open("/tasks/team?lang=ja");
		assertThat(browser.findElement(By.id("team")).getText()).contains("山田 太郎", "100%");
		Browser.screenshot(browser, "tasks-team-ja");
	}

	private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(condition);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}
}
