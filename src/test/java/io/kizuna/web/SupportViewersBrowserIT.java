package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.kizuna.TestWorkspace;
import io.kizuna.support.InboundMail;
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
 * Issue 16 item 5 in two real browsers, ja and en: two agents open the same ticket and each sees the other's notice
 * (and the other typing); one splits the second customer message into a new ticket after confirming, lands on it with
 * the message and its attachment, and the other's notice goes when the first has left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportViewersBrowserIT {

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

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ja", "en" })
	void twoAgentsSeeEachOtherAndOneSplitsAMessage(String language) throws Exception {
		boolean ja = "ja".equals(language);
		TestWorkspace ws = TestWorkspace.create(workspaces, people, keys, "viewbrowser", language);
		String aiko = ja ? "佐藤 愛子" : "Aiko Sato";
		String ken = ja ? "鈴木 健" : "Ken Suzuki";
		String aikoEmail = "aiko@" + ws.slug() + ".test";
		String kenEmail = "ken@" + ws.slug() + ".test";
		people.createUser(ws.id(), aikoEmail, aiko, TestWorkspace.PASSWORD, Role.SUPPORT);
		people.createUser(ws.id(), kenEmail, ken, TestWorkspace.PASSWORD, Role.CSM);
		Ticket ticket = desk.create(ws.id(), new TicketDraft(ja ? "請求書が届きません" : "The invoice did not arrive",
				ja ? "先月分の請求書が届いていません。" : "Last month's invoice has not arrived.", "customer@example.co.jp",
				ja ? "山田 花子" : "Hanako Yamada", null, "normal", null, List.of(), "web"), null);
		String second = ja ? "別件ですが、ログインもできません。" : "Another thing: I cannot log in either.";
		InboundMail mail = desk.receive(ws.id(), null, ("From: customer@example.co.jp\r\nTo: support@example.com\r\n"
				+ "Subject: Re: invoice [#" + ticket.id() + "]\r\nMessage-ID: <vb-" + System.nanoTime() + "@example.co.jp>\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\n" + second + "\r\n--b\r\n"
				+ "Content-Type: image/png; name=\"login.png\"\r\nContent-Disposition: attachment; filename=\"login.png\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8));
		assertThat(mail.ticketId()).isEqualTo(ticket.id());
		String page = "http://127.0.0.1:" + port + "/support/tickets/" + ticket.id();
		String aikoViewing = ja ? aiko + "さんもこのチケットを表示しています" : aiko + " is also viewing this ticket";
		String kenViewing = ja ? ken + "さんもこのチケットを表示しています" : ken + " is also viewing this ticket";
		String kenTyping = ja ? ken + "さんが返信を入力しています" : ken + " is typing a reply";

		ChromeDriver a = Browser.start(language);
		ChromeDriver k = Browser.start(language);
		try {
			Browser.signIn(a, port, aikoEmail, TestWorkspace.PASSWORD);
			Browser.signIn(k, port, kenEmail, TestWorkspace.PASSWORD);
			a.get(page);
			k.get(page);
			// the first heartbeat goes on load, the next within 5 s: each sees the other well within 15 s
			new WebDriverWait(a, Duration.ofSeconds(15)).until(d -> text(d, "#viewers").contains(kenViewing));
			new WebDriverWait(k, Duration.ofSeconds(15)).until(d -> text(d, "#viewers").contains(aikoViewing));
			assertThat(a.findElements(By.cssSelector("#viewers .viewer"))).hasSize(1);
			assertThat(text(a, "#viewers")).doesNotContain(aiko);

			k.findElement(By.cssSelector("#reply-form textarea[name=body]")).sendKeys(ja ? "確認いたします" : "Looking into it");
			new WebDriverWait(a, Duration.ofSeconds(15)).until(d -> text(d, "#viewers").contains(kenTyping));
			a.executeScript("window.scrollTo(0, 0)");
			Browser.screenshot(a, "support-viewers-" + language);
			// Ken is down at the reply box: the notice stays in sight at the top of the window
			// read in one script: the heartbeat replaces the notice every 5 s, so a held element can go stale
			Number top = new WebDriverWait(k, Duration.ofSeconds(10)).until(d -> (Number) k.executeScript(
					"var n = document.querySelector('#viewers .viewer'); return n ? n.getBoundingClientRect().top : null"));
			assertThat(top.doubleValue()).as("the notice is within the window while the reply box is in view")
				.isBetween(0.0, 60.0);
			Browser.screenshot(k, "support-viewers-other-" + language);

			// Aiko splits the second customer message after the confirmation step
			WebElement control = a.findElement(By.id("split-" + mail.messageId()));
			WebElement confirm = control.findElement(By.cssSelector("button.split-confirm"));
			assertThat(confirm.isDisplayed()).as("the split button waits behind the confirmation").isFalse();
			WebElement summary = control.findElement(By.tagName("summary"));
			assertThat(summary.getText()).isEqualTo(ja ? "新しいチケットに分割" : "Split into a new ticket");
			assertThat(a.findElements(By.cssSelector("details.split"))).as("one control per customer message").hasSize(2);
			summary.click();
			new WebDriverWait(a, Duration.ofSeconds(5)).until(d -> confirm.isDisplayed());
			a.executeScript("arguments[0].scrollIntoView({block: 'center'})", control);
			assertThat(control.getText()).contains(ja ? "同じ依頼者の新しいチケットに移します" : "move to a new ticket for the same requester");
			Browser.screenshot(a, "support-split-confirm-" + language);
			confirm.click();
			new WebDriverWait(a, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().equals(page)
					&& !d.findElements(By.id("split-from")).isEmpty());
			assertThat(a.findElement(By.id("split-from")).getText()).isEqualTo((ja ? "分割元 #" : "Split from #") + ticket.id());
			assertThat(a.findElement(By.id("ticket-subject")).getText())
				.isEqualTo(ja ? "請求書が届きません（#" + ticket.id() + "から分割）"
						: "The invoice did not arrive (split from #" + ticket.id() + ")");
			assertThat(text(a, "#conversation")).contains(second).doesNotContain(ja ? "先月分" : "Last month");
			assertThat(a.findElements(By.linkText("login.png"))).hasSize(1);
			assertThat(text(a, "main")).contains(ja ? "メッセージをこの新しいチケットに分割しました。"
					: "The message was split into this new ticket.");
			assertThat(a.findElements(By.cssSelector("details.split"))).as("its only customer message stays").isEmpty();
			Browser.screenshot(a, "support-split-done-" + language);

			// Aiko has left the original ticket: her notice goes from Ken's page
			new WebDriverWait(k, Duration.ofSeconds(25)).until(d -> d.findElements(By.cssSelector("#viewers .viewer")).isEmpty());
			k.navigate().refresh();
			new WebDriverWait(k, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("split-into")).isEmpty());
			assertThat(k.findElement(By.id("split-into")).getText()).contains("#" + a.getCurrentUrl()
				.substring(a.getCurrentUrl().lastIndexOf('/') + 1));
			assertThat(text(k, "#conversation")).doesNotContain(second);
			assertThat(text(k, "#history")).contains(ja ? "分割先" : "Split into");
			k.executeScript("window.scrollTo(0, 0)");
			Browser.screenshot(k, "support-split-original-" + language);
			k.executeScript("arguments[0].scrollIntoView({block: 'center'})", k.findElement(By.id("history")));
			Browser.screenshot(k, "support-split-history-" + language);
		}
		finally {
			a.quit();
			k.quit();
		}
	}

	/** The element's text read in one script: htmx swaps the notice every 5 s, so a found element can go stale. */
	private static String text(org.openqa.selenium.WebDriver driver, String css) {
		Object text = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
				"var n = document.querySelector(arguments[0]); return n ? n.innerText : ''", css);
		return text == null ? "" : text.toString();
	}
}
