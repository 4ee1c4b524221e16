package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.kizuna.TestWorkspace;
import io.kizuna.messaging.MailRequest;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.messaging.WebhookDraft;
import io.kizuna.messaging.Webhooks;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The outbox and webhook pages in a real browser in each language: statuses as words, the rendered message behind
 * its subject, a template error with its line, and the "send test" button against a real receiver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kizuna.messaging.retry-base=1s", "kizuna.messaging.webhook-retry-base=1s" })
class MessagingPagesIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	OutboundMail mail;

	@Autowired
	Webhooks webhooks;

	@ParameterizedTest
	@CsvSource({ "ja, 送信ボックス, 再送待ち, SMTPが未設定です, 2行目, テスト配信：配信済み, Webhook",
			"en, Outbox, Retrying, SMTP is not set up, line 2, Test delivery: Delivered, Webhooks" })
	void outboxAndWebhookPages(String language, String outboxTitle, String retrying, String reason, String line,
			String tested, String webhooksTitle) throws Exception {
		TestWorkspace workspace = TestWorkspace.create(workspaces, people, accessKeys, "msg-pages", language);
		mail.send(workspace.id(), new MailRequest("p-1", "hanako@customer.example", "佐藤 花子", "鈴木",
				"ご利用状況のご案内", "佐藤 花子 様\n本文です。", language, null));
		mail.dispatch();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", exchange -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		workspaces.saveOutboundAllowList(workspace.id(), List.of("127.0.0.1"));
		webhooks.subscribe(workspace.id(), new WebhookDraft("CRM", "http://127.0.0.1:" + receiver.getAddress().getPort()
				+ "/hook", "webhook", List.of("signal.raised")));
		ChromeDriver browser = Browser.start(language);
		try {
			Browser.signIn(browser, port, workspace.adminEmail(), workspace.password());
			browser.get("http://127.0.0.1:" + port + "/messaging/outbox");
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(outboxTitle);
			String row = browser.findElement(By.cssSelector("#outbox tbody tr")).getText();
			assertThat(row).contains("ご利用状況のご案内", retrying, reason).doesNotContain("retrying", "smtp_not_configured");
			browser.findElement(By.cssSelector("#outbox summary")).click();
			assertThat(browser.findElement(By.cssSelector("#outbox pre")).getText()).contains("佐藤 花子 様", "/unsubscribe/");
			Browser.screenshot(browser, "messaging-outbox-" + language);

			browser.get("http://127.0.0.1:" + port + "/messaging/templates");
			browser.findElement(By.id("template-key")).sendKeys("welcome");
			browser.findElement(By.id("template-name")).sendKeys("Welcome");
			browser.findElement(By.id("template-subject")).sendKeys("{{account.name}}");
			browser.findElement(By.id("template-body")).sendKeys("ok\n{{contact.nmae}}");
			browser.findElement(By.id("template-save")).click();
			// the form posts and the page comes back with the errors: wait for it, not for the page being left
			new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
				.until(d -> !d.findElements(By.id("template-errors")).isEmpty());
			assertThat(browser.findElement(By.id("template-errors")).getText()).contains(line, "{{contact.nmae}}");

			browser.get("http://127.0.0.1:" + port + "/messaging/webhooks");
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(webhooksTitle);
			browser.findElement(By.cssSelector(".webhook-test")).click();
			new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
				.until(d -> !d.findElements(By.id("webhook-tested")).isEmpty());
			assertThat(browser.findElement(By.id("webhook-tested")).getText()).contains(tested);
			String log = browser.findElement(By.id("deliveries")).getText();
			assertThat(log).contains("204").doesNotContain("test.ping", "delivered");
			if (language.equals("ja")) {
				assertThat(browser.findElement(By.id("main")).getText()).as("no English words on the Japanese page")
					.doesNotContain("Delivered", "Send test", "Signal raised");
			}
			Browser.screenshot(browser, "messaging-webhooks-" + language);
		}
		finally {
			browser.quit();
			receiver.stop(0);
		}
	}
}
