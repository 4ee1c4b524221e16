package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.revenue.Renewals;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The revenue page says which part of the renewal forecast rests on observed renewal rates and which on the prior
 * (issue 13 item 15), on a crafted history relative to today T: ten green accounts due at T−100 of which nine renewed
 * (observed, 90 %), two red of which one renewed (too few: the prior), no yellow and no unscored outcomes (the prior).
 * Coming: a green renewal of ¥120,000 ARR at T+10, a red one of ¥60,000 at T+40 and an unscored one of ¥24,000 at
 * T+60 — so ¥120,000 of the ¥204,000 due is weighed by an observed rate and ¥84,000 by the prior.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalForecastPageIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	AccountManagement accounts;

	@Autowired
	Renewals renewals;

	@Autowired
	JdbcClient jdbc;

	TestWorkspace own;

	LocalDate today;

	ChromeDriver browser;

	@BeforeAll
	void history() throws Exception {
		own = TestWorkspace.create(workspaces, people, accessKeys, "forecast", "ja");
		today = renewals.today(own.id());
		upcoming("up", 10_000, 10, "green");
		upcoming("down", 5_000, 40, "red");
		upcoming("unscored", 2_000, 60, null);
		for (int i = 0; i < 10; i++) {
			past("g" + i, "green", i < 9);
		}
		past("r0", "red", true);
		past("r1", "red", false);
		browser = Browser.start();
		Browser.signIn(browser, port, own.adminEmail(), own.password());
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theForecastSaysInJapaneseWhichBandsUseObservedRatesAndWhichThePriorAndWhy() throws Exception {
		open("ja");
		assertThat(text("forecast-basis")).isEqualTo("この期間の更新対象ARR ￥204,000 のうち、￥120,000 はこのワークスペースで"
				+ "実際に観測した更新率で、￥84,000 は事前値（過去の更新実績が少ない帯）で見積もっています。");
		assertThat(text("rate-green")).isEqualTo("緑 9 / 10 90% 実績 過去12か月に更新期限を迎えた 10 件のうち 9 件が更新しました。");
		assertThat(text("rate-red")).isEqualTo("赤 1 / 2 50% 事前値 過去12か月に更新期限を迎えたのは 2 件で、"
				+ "実績の更新率を使うのに必要な 10 件に足りません。代わりに、この帯の一般的なB2B SaaSの更新率を使っています。");
		assertThat(text("rate-yellow")).isEqualTo("黄 0 / 0 75% 事前値 過去12か月に更新期限を迎えた契約がありません"
				+ "（実績の更新率には 10 件が必要です）。代わりに、この帯の一般的なB2B SaaSの更新率を使っています。");
		assertThat(text("rate-none")).startsWith("スコアなし 0 / 0 80% 事前値 過去12か月に更新期限を迎えた契約がありません");
		assertMonthColumns();
		screenshot("forecast-explained-ja");
	}

	@Test
	void theForecastSaysInEnglishWhichBandsUseObservedRatesAndWhichThePriorAndWhy() throws Exception {
		open("en");
		assertThat(text("forecast-basis")).isEqualTo("Of the ¥204,000 ARR due in these months, ¥120,000 is weighed by "
				+ "renewal rates observed in this workspace and ¥84,000 by the prior (bands with too few past renewals).");
		assertThat(text("rate-green")).isEqualTo("Green 9 / 10 90% Observed 9 of the 10 renewals due in the past 12 "
				+ "months renewed.");
		assertThat(text("rate-red")).isEqualTo("Red 1 / 2 50% Prior Only 2 renewals were due in the past 12 months, "
				+ "fewer than the 10 an observed rate needs: a typical B2B SaaS rate for this band is used instead.");
		assertThat(text("rate-yellow")).isEqualTo("Yellow 0 / 0 75% Prior No renewals were due in the past 12 months "
				+ "(10 are needed for an observed rate): a typical B2B SaaS rate for this band is used instead.");
		assertMonthColumns();
		screenshot("forecast-explained-en");
	}

	/** Per month, the ARR due and the part of it on the prior add up to the sentence's figures. */
	private void assertMonthColumns() {
		long due = 0;
		long prior = 0;
		for (var row : browser.findElements(By.cssSelector("#forecast tbody tr"))) {
			var cells = row.findElements(By.tagName("td"));
			due += yen(cells.get(2).getText());
			prior += yen(cells.get(3).getText());
			assertThat(yen(cells.get(3).getText())).as("the prior's part of a month's ARR")
				.isLessThanOrEqualTo(yen(cells.get(2).getText()));
		}
		assertThat(due).isEqualTo(204_000);
		assertThat(prior).isEqualTo(84_000);
	}

	private static long yen(String money) {
		return Long.parseLong(money.replaceAll("[^0-9]", ""));
	}

	private void open(String language) {
		browser.get("http://127.0.0.1:" + port + "/revenue?lang=" + language);
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText().replaceAll("\\s+", " ").trim();
	}

	/** The forecast's section alone, whole: the window made tall enough for it. */
	private void screenshot(String name) throws Exception {
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2400));
		var section = browser.findElement(By.cssSelector("section:has(#forecast)"));
		browser.executeScript("arguments[0].scrollIntoView()", section);
		Path directory = Path.of("target/screenshots");
		Files.createDirectories(directory);
		Files.write(directory.resolve(name + ".png"), section.getScreenshotAs(OutputType.BYTES));
	}

	private void upcoming(String id, long mrr, int inDays, String band) {
		accounts.saveAccount(own.id(), id, AccountDraft.named(id));
		accounts.saveSubscription(own.id(), "sub-" + id, new SubscriptionDraft(id, null, "Annual", mrr, "JPY", 1,
				"active", today.minusDays(300), today.plusDays(inDays), null, null, today.minusDays(300)));
		if (band != null) {
			snapshot(id, today.minusDays(1), band);
		}
	}

	private void past(String id, String band, boolean renewed) {
		LocalDate due = today.minusDays(100);
		accounts.saveAccount(own.id(), id, AccountDraft.named(id));
		accounts.saveSubscription(own.id(), "sub-" + id, new SubscriptionDraft(id, null, "Annual", 1_000L, "JPY", 1,
				"active", due.minusDays(365), due, null, null, due.minusDays(365)));
		accounts.saveSubscription(own.id(), "sub-" + id, renewed
				? new SubscriptionDraft(id, null, "Annual", 1_000L, "JPY", 1, "active", null, due.plusDays(365), null,
						null, due.plusDays(1))
				: new SubscriptionDraft(id, null, "Annual", 1_000L, "JPY", 1, "canceled", null, null, due, "budget",
						due));
		snapshot(id, due.minusDays(40), band);
	}

	/** A health snapshot as the scoring job would have written it that day. */
	private void snapshot(String account, LocalDate day, String band) {
		long id = accounts.account(own.id(), account).id();
		jdbc.sql("""
				insert into health_snapshot (workspace_id, account_id, day, scorecard_id, score, band, measures)
				values (?, ?, ?, 0, ?, ?, '[]')""")
			.params(own.id().value(), id, day, band.equals("green") ? 80 : 30, band)
			.update();
	}
}
