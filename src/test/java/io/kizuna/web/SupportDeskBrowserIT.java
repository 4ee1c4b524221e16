package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.kizuna.TestWorkspace;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.Ticket;
import io.kizuna.support.TicketDraft;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16's agent side in a real browser, ja and en: the inbox, filtered through its form and saved as a view (a
 * tab with its count); a ticket answered from its reply box; the SLA report counting that answer as a first response
 * met.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportDeskBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	SupportDesk desk;

	@Autowired
	SlaPolicyManagement policies;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ja", "en" })
	void anAgentFiltersSavesAViewAnswersATicketAndReadsTheSlaReport(String language) throws Exception {
		boolean ja = "ja".equals(language);
		TestWorkspace ws = TestWorkspace.create(workspaces, people, keys, "deskbrowser", language);
		String agent = ws.user(people, "agent", Role.SUPPORT);
		policies.create(ws.id(), new SlaPolicy("urgent", ja ? "緊急" : "Urgent", 10, null, "urgent", null, null, null, 60,
				null, 480, 30));
		String urgentSubject = ja ? "請求書が二重に届いた" : "Billed twice this month";
		Ticket urgent = desk.create(ws.id(), new TicketDraft(urgentSubject, ja ? "至急確認してください。" : "Please check quickly.",
				"taro@example.jp", ja ? "山田 太郎" : "Sam Lee", null, "urgent", null, List.of("billing"), "api"), null);
		String otherSubject = ja ? "CSVの列の意味" : "What a CSV column means";
		desk.create(ws.id(), new TicketDraft(otherSubject, ja ? "教えてください。" : "Please explain.", "hanako@example.jp", null,
				null, "low", null, List.of(), "api"), null);

		ChromeDriver driver = Browser.start(language);
		try {
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
			Browser.signIn(driver, port, agent, TestWorkspace.PASSWORD);
			String base = "http://127.0.0.1:" + port;
			driver.get(base + "/support?view=all&lang=" + language);
			assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(ja ? "問い合わせ（チケット）" : "Support inbox");
			assertThat(driver.findElement(By.id("tickets")).getText()).contains(urgentSubject, otherSubject);

			// filter: urgent only, through the form
			driver.findElement(By.cssSelector("#ticket-filter summary")).click();
			driver.findElement(By.cssSelector("#filter-form input[name=priority][value=urgent]")).click();
			driver.findElement(By.id("apply-filter")).click();
			wait.until(d -> !d.findElements(By.id("save-view")).isEmpty());
			assertThat(driver.findElement(By.id("tickets")).getText()).contains(urgentSubject).doesNotContain(otherSubject);
			String viewName = ja ? "至急の問い合わせ" : "Urgent ones";
			driver.findElement(By.id("view-name")).sendKeys(viewName);
			driver.findElement(By.id("save-view-button")).click();
			WebElement tab = wait.until(d -> d.findElements(By.cssSelector("#support-views a.active")).stream()
				.filter(a -> a.getText().contains(viewName)).findFirst().orElse(null));
			assertThat(tab.getText()).isEqualTo(viewName + " (1)");
			assertThat(driver.findElement(By.id("tickets")).getText()).contains(urgentSubject).doesNotContain(otherSubject);
			assertNoRawCodes(driver);
			Browser.screenshot(driver, "support-inbox-saved-view-" + language);

			// answer the ticket from its page
			driver.findElement(By.linkText(urgentSubject)).click();
			wait.until(d -> !d.findElements(By.id("reply-form")).isEmpty());
			String answer = ja ? "ご迷惑をおかけしました。二重の請求は取り消しました。" : "Sorry about that: the second charge is cancelled.";
			driver.findElement(By.cssSelector("#reply-form textarea[name=body]")).sendKeys(answer);
			driver.findElement(By.id("send-reply")).click();
			wait.until(d -> d.findElements(By.cssSelector("#conversation article.kind-agent")).stream()
				.anyMatch(a -> a.getText().contains(answer)));
			assertThat(driver.findElement(By.id("conversation")).getText()).contains(ja ? "至急確認してください。" : "Please check quickly.");
			assertNoRawCodes(driver);
			Browser.screenshot(driver, "support-ticket-replied-" + language);

			// the SLA report: one urgent ticket whose first response was in time
			driver.get(base + "/support/sla-report");
			WebElement row = wait.until(d -> d.findElements(By.cssSelector("#sla-by-priority tr[data-key=urgent]")).stream()
				.findFirst().orElse(null));
			assertThat(row.getText()).startsWith(ja ? "緊急 1" : "Urgent 1");
			assertThat(row.findElement(By.cssSelector(".attainment-first")).getText()).contains("(1/1)").contains("100");
			assertThat(driver.findElement(By.id("sla-by-policy")).getText()).contains(ja ? "緊急" : "Urgent");
			assertNoRawCodes(driver);
			Browser.screenshot(driver, "support-sla-report-" + language);
			assertThat(desk.ticket(ws.id(), urgent.id()).firstResponseAt()).isNotNull();
		}
		finally {
			driver.quit();
		}
	}

	private static void assertNoRawCodes(ChromeDriver driver) {
		String text = driver.findElement(By.tagName("body")).getText();
		assertThat(text).doesNotContain("??").doesNotContainPattern("\\bsupport\\.[a-z]");
	}
}
