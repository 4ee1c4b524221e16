package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.kizuna.TestWorkspace;
import io.kizuna.calendars.CalendarManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The calendar pages in a real browser, in ja and en: the holiday list of 2026 and 2027, a calendar's hours and
 * closures edited and saved, a bad interval explained in the reader's language, and an SLA policy created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarPagesIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	CalendarManagement calendars;

	ChromeDriver browser;

	TestWorkspace workspace;

	@BeforeAll
	void start() throws Exception {
		workspace = TestWorkspace.create(workspaces, people, keys, "cal-ui", "ja");
		browser = Browser.start();
		Browser.signIn(browser, port, workspace.adminEmail(), workspace.password());
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theHolidayListAndTheCalendarEditorInJapanese() throws Exception {
		open("/settings/calendars?year=2026&lang=ja");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("営業カレンダー");
		assertThat(browser.findElement(By.id("calendars")).getText()).contains("平日 9:00–18:00", "24時間365日", "既定");
		String holidays = browser.findElement(By.id("holiday-list")).getText();
		assertThat(holidays).contains("2026年5月6日", "振替休日", "2026年9月22日", "国民の休日", "秋分の日");
		assertThat(browser.findElements(By.cssSelector("#holiday-list tbody tr"))).hasSize(18);
		Browser.screenshot(browser, "calendars-ja");
		assertThat(browser.findElement(By.id("holidays-2027")).getAttribute("href")).endsWith("/settings/calendars?year=2027");
		open("/settings/calendars?year=2027&lang=ja");
		assertThat(browser.findElement(By.id("holidays")).getText()).contains("2027年の祝日");
		assertThat(browser.findElements(By.cssSelector("#holiday-list tbody tr"))).hasSize(17);
		assertThat(browser.findElement(By.id("holiday-list")).getText()).contains("2027年3月22日", "振替休日");

		open("/settings/calendars/business-hours?lang=ja");
		set("hours-MONDAY", "09:00-12:00, 13:00-18:00");
		WebElement closures = browser.findElement(By.id("calendar-closures"));
		closures.clear();
		closures.sendKeys("12-29..01-03 年末年始\n2026-08-13..2026-08-16 夏季休業");
		browser.findElement(By.id("save-calendar")).click();
		waitFor(d -> !d.findElements(By.id("calendar-saved")).isEmpty());
		assertThat(browser.findElement(By.id("hours-MONDAY")).getAttribute("value")).isEqualTo("09:00-12:00, 13:00-18:00");
		assertThat(calendars.get(workspace.id(), "business-hours").closures()).hasSize(2);
		Browser.screenshot(browser, "calendar-editor-ja");

		set("hours-TUESDAY", "18:00-09:00");
		browser.findElement(By.id("save-calendar")).click();
		waitFor(d -> !d.findElements(By.id("calendar-errors")).isEmpty());
		assertThat(browser.findElement(By.id("calendar-errors")).getText()).startsWith("営業時間は 09:00-18:00 の形式で");
	}

	@Test
	void theCalendarPagesAndAPolicyInEnglish() throws Exception {
		open("/settings/calendars?year=2027&lang=en");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Business calendars");
		assertThat(browser.findElement(By.id("holiday-list")).getText()).contains("Vernal Equinox Day (春分の日)",
				"substitute holiday", "Monday");
		Browser.screenshot(browser, "calendars-en");
		open("/settings/calendars/always-open?lang=en");
		assertThat(browser.findElement(By.id("hours-SUNDAY")).getAttribute("value")).isEqualTo("00:00-24:00");
		Browser.screenshot(browser, "calendar-editor-en");

		open("/settings/sla-policies?lang=en");
		set("policy-key", "enterprise");
		set("policy-name", "Enterprise 24/7");
		new Select(browser.findElement(By.id("policy-calendar"))).selectByValue("always-open");
		set("policy-tier", "enterprise");
		set("policy-first", "60");
		set("policy-resolution", "480");
		browser.findElement(By.id("save-policy")).click();
		waitFor(d -> !d.findElements(By.id("policy-saved")).isEmpty());
		assertThat(browser.findElement(By.id("policy-enterprise")).getText()).contains("Enterprise 24/7", "Tier: enterprise",
				"60 min", "480 min");
		Browser.screenshot(browser, "sla-policies-en");
		open("/settings/sla-policies?lang=ja");
		assertThat(browser.findElement(By.id("policy-enterprise")).getText()).contains("ティア: enterprise", "60分");
		Browser.screenshot(browser, "sla-policies-ja");
	}

	private void set(String id, String value) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}

	private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition::apply);
	}
}
