package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.kizuna.TestWorkspace;
import io.kizuna.knowledge.ArticleDraft;
import io.kizuna.knowledge.KnowledgeManagement;
import io.kizuna.knowledge.TranslationDraft;
import io.kizuna.support.PublicChannelSettings;
import io.kizuna.support.PublicChannels;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.Ticket;
import io.kizuna.support.TicketView;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16 item 4 in a real browser, ja and en: the public web form suggests a help article while the subject is typed
 * and opens a ticket; the chat widget, one script tag on a page of another origin (localhost against the app's
 * 127.0.0.1), opens a conversation, and an agent's answer appears in it; the agent sees the chat on the ticket page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportChannelsBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	PublicChannels channels;

	@Autowired
	SupportDesk desk;

	@Autowired
	KnowledgeManagement knowledge;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ja", "en" })
	void theFormAndTheChatWorkForAVisitorAndAnAgent(String language) throws Exception {
		boolean ja = "ja".equals(language);
		TestWorkspace ws = TestWorkspace.create(workspaces, people, keys, "chbrowser", language);
		User agent = people.findUser(ws.user(people, "agent", Role.SUPPORT)).orElseThrow();
		long article = knowledge.create(ws.id(), new ArticleDraft(null, "public", List.of()), language,
				new TranslationDraft(ja ? "ログインできないときの対処" : "What to do when you can't log in", null, null,
						ja ? "パスワードを再設定してください。" : "Reset your password, then log in again."), "test").id();
		knowledge.setStatus(ws.id(), article, "published");
		knowledge.refreshIndex();
		HttpServer site = site(ws.slug(), language);
		String origin = "http://localhost:" + site.getAddress().getPort();
		channels.save(ws.id(), new PublicChannelSettings(true, true, List.of(origin), true, "five", null, null));
		ChromeDriver driver = Browser.start(language);
		try {
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
			driver.get("http://127.0.0.1:" + port + "/contact/" + ws.slug() + "?lang=" + language);
			assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(ja ? "お問い合わせ" : "Contact us");
			driver.findElement(By.id("subject")).sendKeys(ja ? "ログインできません" : "can't log in");
			WebElement suggestion = wait.until(d -> d.findElements(By.cssSelector("#suggested-articles a")).stream().findFirst()
				.orElse(null));
			assertThat(suggestion.getText()).isEqualTo(ja ? "ログインできないときの対処" : "What to do when you can't log in");
			driver.findElement(By.id("email")).sendKeys("visitor@example.com");
			driver.findElement(By.id("body")).sendKeys(ja ? "今朝からログインできません。" : "Since this morning I can't log in.");
			Browser.screenshot(driver, "support-form-" + language);
			driver.findElement(By.id("send")).click();
			wait.until(d -> !d.findElements(By.id("ticket-number")).isEmpty());
			assertThat(driver.findElement(By.tagName("h1")).getText())
				.isEqualTo(ja ? "お問い合わせありがとうございます" : "Thank you");
			Browser.screenshot(driver, "support-form-sent-" + language);

			driver.get(origin + "/");
			SearchContext widget = wait.until(d -> {
				List<WebElement> hosts = d.findElements(By.id("kizuna-chat"));
				return hosts.isEmpty() ? null : hosts.get(0).getShadowRoot();
			});
			WebElement open = widget.findElement(By.id("open"));
			assertThat(open.getText()).isEqualTo(ja ? "チャットで問い合わせる" : "Chat with us");
			open.click();
			widget.findElement(By.id("name")).sendKeys(ja ? "鈴木 一郎" : "Sam Lee");
			widget.findElement(By.id("text")).sendKeys(ja ? "ログインできません" : "I can't log in");
			// before the conversation exists, the widget suggests the help article for what is typed
			WebElement tip = wait.until(d -> widget.findElements(By.cssSelector("#suggestions a.suggested-article")).stream()
				.findFirst().orElse(null));
			assertThat(tip.getText()).isEqualTo(ja ? "ログインできないときの対処" : "What to do when you can't log in");
			assertThat(tip.getAttribute("href")).startsWith("http://127.0.0.1:" + port + "/help/" + ws.slug() + "/articles/" + article);
			assertThat(widget.findElement(By.id("suggestions")).getText())
				.contains(ja ? "こちらの記事で解決するかもしれません" : "These articles may answer your question");
			Browser.screenshot(driver, "support-chat-suggestions-" + language);
			widget.findElement(By.id("send")).click();
			Ticket chat = await().atMost(Duration.ofSeconds(10)).until(() -> desk.view(ws.id(), TicketView.ALL, 0, null, 10)
				.items().stream().filter(t -> t.channel().equals("chat")).findFirst().orElse(null), t -> t != null);
			wait.until(d -> widget.findElements(By.cssSelector("li.visitor")).size() == 1);
			assertThat(widget.findElements(By.id("suggestions"))).as("suggestions end with the conversation").isEmpty();
			// both visits searched the help articles and then wrote: neither is counted as deflected
			await().atMost(Duration.ofSeconds(10)).until(() -> knowledge.analytics(ws.id(), java.time.ZoneId.of("Asia/Tokyo"),
					30, 7, language).sessions().stream().mapToLong(m -> m.withTicket()).sum() == 2);
			// the answer must arrive within 2 s (3 s of waiting leaves the browser a second to draw it)
			String answer = ja ? "パスワードを再設定してください。" : "Please reset your password.";
			channels.agentSays(ws.id(), chat.id(), agent, answer);
			new WebDriverWait(driver, Duration.ofSeconds(3)).until(d -> widget.findElements(By.cssSelector("li.agent")).stream()
				.anyMatch(li -> li.getText().contains(answer)));
			assertThat(widget.findElement(By.id("error")).getText()).isEmpty();
			Browser.screenshot(driver, "support-chat-widget-" + language);

			Browser.signIn(driver, port, ws.adminEmail(), ws.password());
			driver.get("http://127.0.0.1:" + port + "/support/tickets/" + chat.id());
			wait.until(d -> !d.findElements(By.cssSelector("#chat-lines .from-visitor")).isEmpty());
			assertThat(driver.findElement(By.id("chat-lines")).getText()).contains(ja ? "ログインできません" : "I can't log in", answer);
			wait.until(d -> !d.findElements(By.cssSelector("#suggestion-list #no-suggestions, #suggestion-list #suggested-articles")).isEmpty());
			Browser.screenshot(driver, "support-chat-ticket-" + language);
		}
		finally {
			driver.quit();
			site.stop(0);
		}
	}

	/** The customer's site: one page with the widget's tag, nothing else. */
	private HttpServer site(String workspace, String language) throws IOException {
		byte[] page = ("<!DOCTYPE html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\"><title>Customer site</title>"
				+ "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src http://127.0.0.1:" + port
				+ "; connect-src http://127.0.0.1:" + port + "\"></head><body><h1>Example Corp</h1>"
				+ "<script src=\"http://127.0.0.1:" + port + "/chat/" + workspace + "/widget.js\" data-lang=\"" + language
				+ "\" async></script></body></html>").getBytes(StandardCharsets.UTF_8);
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		server.createContext("/", exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		server.start();
		return server;
	}
}
