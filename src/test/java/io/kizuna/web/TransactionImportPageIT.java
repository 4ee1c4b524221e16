package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import io.kizuna.SharedDatasets;
import io.kizuna.TestWorkspace;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import page of a Tokyo workspace takes the UK shop's file gzip-compressed, with its time zone named in the
 * page's time-zone field: invoice 536365 (2010-12-01 08:26 in London) is stored at 08:26 UTC.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionImportPageIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	JdbcClient jdbc;

	ChromeDriver browser;

	TestWorkspace workspace;

	@BeforeAll
	void start() throws Exception {
		workspace = TestWorkspace.create(workspaces, people, accessKeys, "tx-page", "ja");
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
	void aGzippedUkFileWithItsTimeZoneLandsAtTheRightTime() throws Exception {
		List<String> lines = Files.readAllLines(SharedDatasets.resolve("online-retail/online_retail_2010-12_slice.csv"));
		Path gzipped = Files.createTempFile("online_retail_head", ".csv.gz");
		try (var out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
			out.write((String.join("\n", lines.subList(0, 201)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		browser.get("http://127.0.0.1:" + port + "/imports?lang=ja");
		new Select(browser.findElement(By.id("kind"))).selectByValue("transactions");
		Select zone = new Select(browser.findElement(By.id("time-zone")));
		assertThat(zone.getFirstSelectedOption().getText()).isEqualTo("ワークスペースのタイムゾーン");
		zone.selectByValue("Europe/London");
		browser.findElement(By.id("file")).sendKeys(gzipped.toAbsolutePath().toString());
		Browser.screenshot(browser, "import-transactions-ja");
		browser.findElement(By.id("upload")).click();
		new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.id("import-summary")).isEmpty());
		assertThat(browser.findElement(By.id("import-summary")).getText()).contains("200");
		assertThat(jdbc.sql("""
				select min(occurred_at) from customer_transaction
				where workspace_id = ? and source_id like 'uci:536365:%'""")
			.param(workspace.id().value())
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant()).hasToString("2010-12-01T08:26:00Z");
	}
}
