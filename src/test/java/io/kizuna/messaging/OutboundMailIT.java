package io.kizuna.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.playbooks.ActionContext;
import io.kizuna.playbooks.ActionOutcome;
import io.kizuna.playbooks.PlaybookAction;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Email end to end against a real SMTP server (GreenMail): Japanese content and headers as received, the owner's name
 * as sender, header injection neutralised, one message per key, unsubscribe through the public page and the
 * suppression list, retries while SMTP is down, and the send_email playbook step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kizuna.messaging.retry-base=1s", "kizuna.messaging.webhook-retry-base=1s" })
class OutboundMailIT {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("kizuna", "smtp-secret-パス"));

	@LocalServerPort
	int port;

	@Autowired
	OutboundMail mail;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<PlaybookAction> actions;

	TestWorkspace workspace;

	@BeforeEach
	void workspace() {
		workspace = TestWorkspace.create(workspaces, people, accessKeys, "mail", "ja");
		mail.saveSmtpSettings(workspace.id(), new SmtpDraft("127.0.0.1", smtp.getSmtp().getPort(), "none", "kizuna",
				"smtp-secret-パス", "cs@kizuna.example", 0));
	}

	@Test
	void japaneseTemplateArrivesEncodedFromTheOwnerWithAnUnsubscribeLinkThatWorks() throws Exception {
		mail.saveTemplate(workspace.id(), new TemplateDraft("welcome", "ja", "ようこそ",
				"{{account.name}} 様へのご案内",
				"{{contact.name}} 様\n\nいつもご利用ありがとうございます。担当の{{owner.name}}です。①㈱～\n配信停止: {{unsubscribeUrl}}"));
		OutboxMessage queued = mail.sendTemplate(workspace.id(), "step-1", "welcome", "ja", "hanako@customer.example",
				"佐藤 花子", "絆株式会社 鈴木 一郎", "acme",
				Map.of("account", Map.of("name", "株式会社アクメ"), "contact", Map.of("name", "佐藤 花子"), "owner",
						Map.of("name", "鈴木 一郎")));
		assertThat(queued.status()).isEqualTo("queued");

		// the db-scheduler job sends it (no call to dispatch here)
		assertThat(smtp.waitForIncomingEmail(40_000, 1)).as("sent by the outbox job").isTrue();
		MimeMessage received = smtp.getReceivedMessages()[0];
		String raw = GreenMailUtil.getWholeMessage(received);
		assertThat(raw).containsPattern("Subject:\\s+=\\?UTF-8\\?[BQ]\\?").containsPattern("From:\\s+=\\?UTF-8\\?[BQ]\\?")
			.doesNotContain("株式会社アクメ 様へ");
		assertThat(received.getSubject()).isEqualTo("株式会社アクメ 様へのご案内");
		InternetAddress from = (InternetAddress) received.getFrom()[0];
		assertThat(from.getPersonal()).isEqualTo("絆株式会社 鈴木 一郎");
		assertThat(from.getAddress()).isEqualTo("cs@kizuna.example");
		assertThat(received.getHeader("List-Unsubscribe")[0]).contains("/unsubscribe/");
		Multipart parts = (Multipart) received.getContent();
		String text = text(received);
		assertThat(text).contains("佐藤 花子 様", "担当の鈴木 一郎です。①㈱～", "/unsubscribe/");
		assertThat(raw).containsIgnoringCase("charset=UTF-8");
		assertThat(parts.getCount()).isGreaterThanOrEqualTo(1);

		long marked = System.currentTimeMillis() + 10_000;
		while (!mail.message(workspace.id(), queued.id()).status().equals("sent") && System.currentTimeMillis() < marked) {
			Thread.sleep(100);
		}
		OutboxMessage sent = mail.message(workspace.id(), queued.id());
		assertThat(sent.status()).isEqualTo("sent");
		assertThat(sent.attempts()).isEqualTo(1);

		// the link in the message opens without signing in, asks first, then suppresses the address
		Matcher link = Pattern.compile("http://localhost:8080(/unsubscribe/[A-Za-z0-9_-]{43})").matcher(text);
		assertThat(link.find()).isTrue();
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ link.group(1) + "?lang=ja")).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("hanako@customer.example", "配信を停止する");
		assertThat(mail.suppressed(workspace.id(), "hanako@customer.example")).as("a GET changes nothing").isFalse();
		HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ link.group(1))).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(mail.suppressed(workspace.id(), "hanako@customer.example")).isTrue();
		assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/unsubscribe/"
				+ "A".repeat(43))).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

		// suppressed: recorded, never sent
		OutboxMessage again = mail.send(workspace.id(), new MailRequest("step-2", "Hanako@Customer.example", null,
				"鈴木", "再送", "本文", "ja", null));
		assertThat(again.status()).isEqualTo("suppressed");
		mail.dispatch();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
	}

	@Test
	void theSameKeySendsOnceAndHeaderInjectionIsNeutralised() throws Exception {
		MailRequest request = new MailRequest("once", "taro@customer.example", "Taro\r\nBcc: evil@attacker.example",
				"Owner\nBcc: evil@attacker.example", "Hello\r\nBcc: evil@attacker.example", "Body", "en", null);
		OutboxMessage first = mail.send(workspace.id(), request);
		OutboxMessage second = mail.send(workspace.id(), request);
		assertThat(second.id()).isEqualTo(first.id());
		mail.dispatch();
		mail.dispatch();
		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		Thread.sleep(500);
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getHeader("Bcc")).isNull();
		assertThat(received[0].getSubject()).isEqualTo("Hello Bcc: evil@attacker.example");
		Address[] to = received[0].getRecipients(Message.RecipientType.TO);
		assertThat(Arrays.stream(to).map(a -> ((InternetAddress) a).getAddress())).containsExactly("taro@customer.example");
		assertThat(text(received[0])).contains("To stop receiving these emails:");
	}

	@Test
	void invalidAddressesAndTemplatesAreRefusedWithTheirPosition() {
		for (String bad : new String[] { "not-an-address", "a@b", "two@x.example, three@x.example",
				"Name <n@x.example>", "line@x.example\r\nBcc: y@x.example", "" }) {
			assertThatThrownBy(() -> mail.send(workspace.id(), new MailRequest("bad-" + bad.hashCode(), bad, null, "x",
					"s", "b", "en", null))).as(bad).isInstanceOf(InvalidInputException.class);
		}
		assertThatThrownBy(() -> mail.saveTemplate(workspace.id(), new TemplateDraft("t", "en", "T", "Hi",
				"line one\nline two {{account.nmae}}")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).containsExactly("body: line 2: unknown variable {{account.nmae}}"));
		assertThatThrownBy(() -> mail.saveTemplate(workspace.id(), new TemplateDraft("t", "en", "T", "Hi",
				"ok\n\n{{#signal}} open")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0)).startsWith("body: line 3: invalid syntax"));
		assertThatThrownBy(() -> mail.saveTemplate(workspace.id(), new TemplateDraft("t", "en", "T", "Hi {{oops",
				"body"))).isInstanceOf(InvalidInputException.class);
		assertThat(mail.templates(workspace.id())).isEmpty();
	}

	/**
	 * An SMTP server on a real socket that refuses every recipient with the given reply (GreenMail accepts every
	 * recipient, so it cannot stand in for a mailbox that does not exist).
	 */
	static java.net.ServerSocket refusingSmtp(String rcptReply) throws java.io.IOException {
		java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
		Thread thread = new Thread(() -> {
			while (!server.isClosed()) {
				try (java.net.Socket socket = server.accept();
						var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
								java.nio.charset.StandardCharsets.US_ASCII));
						var out = new java.io.PrintWriter(socket.getOutputStream(), true,
								java.nio.charset.StandardCharsets.US_ASCII)) {
					out.print("220 refusing.test ESMTP\r\n");
					out.flush();
					String line;
					while ((line = in.readLine()) != null) {
						String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
						String reply = switch (command) {
							case "EHLO", "HELO" -> "250 refusing.test";
							case "RCPT" -> rcptReply;
							case "QUIT" -> "221 bye";
							default -> "250 OK";
						};
						out.print(reply + "\r\n");
						out.flush();
						if (command.equals("QUIT")) {
							break;
						}
					}
				}
				catch (java.io.IOException closed) {
					// the test closed the server
				}
			}
		});
		thread.setDaemon(true);
		thread.start();
		return server;
	}

	@Test
	void aRecipientRefusedForGoodFailsAtOnceAndIsSuppressedWhileATemporaryRefusalIsRetried() throws Exception {
		try (java.net.ServerSocket refusing = refusingSmtp("550 5.1.1 <nobody@customer.example>: Recipient address rejected: User unknown")) {
			mail.saveSmtpSettings(workspace.id(), new SmtpDraft("127.0.0.1", refusing.getLocalPort(), "none", null, null,
					"cs@kizuna.example", 0));
			OutboxMessage queued = mail.send(workspace.id(), new MailRequest("bounce-1", "nobody@customer.example",
					"名無し", "担当", "件名", "本文", "ja", null));
			mail.dispatch(workspace.id());
			OutboxMessage bounced = mail.message(workspace.id(), queued.id());
			assertThat(bounced.status()).isEqualTo("failed");
			assertThat(bounced.attempts()).isEqualTo(1);
			assertThat(bounced.lastError()).startsWith("bounced: 550 5.1.1").contains("User unknown");
			assertThat(mail.suppressions(workspace.id(), 10)).singleElement().satisfies(s -> {
				assertThat(s.email()).isEqualTo("nobody@customer.example");
				assertThat(s.reason()).isEqualTo("bounced");
			});
			// nothing more goes to the address, from any module
			assertThat(mail.send(workspace.id(), new MailRequest("bounce-2", "nobody@customer.example", "名無し", "担当",
					"件名", "本文", "ja", null)).status()).isEqualTo("suppressed");
			assertThat(mail.outbox(workspace.id(), "failed", 10)).extracting(OutboxMessage::messageKey).containsExactly("bounce-1");
		}
		try (java.net.ServerSocket busy = refusingSmtp("450 4.2.1 Mailbox busy, try again later")) {
			mail.saveSmtpSettings(workspace.id(), new SmtpDraft("127.0.0.1", busy.getLocalPort(), "none", null, null,
					"cs@kizuna.example", 0));
			OutboxMessage queued = mail.send(workspace.id(), new MailRequest("busy-1", "busy@customer.example", "忙しい",
					"担当", "件名", "本文", "ja", null));
			mail.dispatch(workspace.id());
			OutboxMessage later = mail.message(workspace.id(), queued.id());
			assertThat(later.status()).isEqualTo("retrying");
			assertThat(later.lastError()).contains("450").doesNotStartWith("bounced");
			assertThat(mail.suppressed(workspace.id(), "busy@customer.example")).isFalse();
		}
	}

	@Test
	void smtpDownIsRetriedWithBackoffThenSentOnceAndThePasswordIsSealed() throws Exception {
		String sealed = jdbc.sql("select password_sealed from messaging_smtp_settings where workspace_id = ?")
			.param(workspace.id().value()).query(String.class).single();
		assertThat(sealed).startsWith("v1:").doesNotContain("smtp-secret");
		assertThat(mail.smtpSettings(workspace.id()).orElseThrow().toString()).doesNotContain("smtp-secret");

		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		mail.saveSmtpSettings(workspace.id(), new SmtpDraft("127.0.0.1", closed, "none", "kizuna", null,
				"cs@kizuna.example", 0));
		OutboxMessage queued = mail.send(workspace.id(), new MailRequest("down-1", "jiro@customer.example", "次郎",
				"担当", "件名", "本文", "ja", null));
		mail.dispatch(workspace.id());
		OutboxMessage retrying = mail.message(workspace.id(), queued.id());
		assertThat(retrying.status()).isEqualTo("retrying");
		assertThat(retrying.attempts()).isEqualTo(1);
		assertThat(retrying.lastError()).containsIgnoringCase("connect");
		assertThat(retrying.nextAttemptAt()).isAfter(java.time.Instant.now());

		// SMTP is back (the stored password is kept when none is given)
		mail.saveSmtpSettings(workspace.id(), new SmtpDraft("127.0.0.1", smtp.getSmtp().getPort(), "none", "kizuna",
				"", "cs@kizuna.example", 0));
		long deadline = System.currentTimeMillis() + 30_000;
		while (!mail.message(workspace.id(), queued.id()).status().equals("sent") && System.currentTimeMillis() < deadline) {
			mail.dispatch(workspace.id());
			Thread.sleep(200);
		}
		OutboxMessage sent = mail.message(workspace.id(), queued.id());
		assertThat(sent.status()).isEqualTo("sent");
		assertThat(sent.attempts()).isEqualTo(2);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("件名");
	}

	@Test
	void theSendEmailStepMailsTheAccountsContactsFromTheOwnerOncePerStepKey() throws Exception {
		String ownerEmail = workspace.user(people, "suzuki", Role.CSM);
		long owner = people.findUser(ownerEmail).orElseThrow().id();
		accounts.saveAccount(workspace.id(), "acme", new AccountDraft("株式会社アクメ", "acme.example", null, "smb",
				owner, null, null, Map.of()));
		accounts.saveContact(workspace.id(), "c-1", new ContactDraft("yamada@acme.example", "山田 太郎", null, "acme",
				null, Map.of()));
		mail.saveTemplate(workspace.id(), new TemplateDraft("idle", "ja", "再オンボーディング",
				"{{account.name}} 様 ご利用状況について", "{{contact.name}} 様\n{{#signal}}シグナル: {{kind}}{{/signal}}"));
		PlaybookAction send = actions.stream().filter(a -> a.type().equals("send_email")).findFirst().orElseThrow();
		assertThatThrownBy(() -> send.validate(workspace.id(), Map.of("template", "nope")))
			.isInstanceOf(InvalidInputException.class);
		send.validate(workspace.id(), Map.of("template", "idle"));
		ActionContext context = new ActionContext(workspace.id(), "pb-1/acme/1/step-2", 1, "acme",
				Map.of("template", "idle"), Map.of("signal", Map.of("kind", "paying_idle")));
		ActionOutcome first = send.run(context);
		ActionOutcome second = send.run(context);
		assertThat(first.status()).isEqualTo(ActionOutcome.Status.DONE);
		assertThat(second.status()).isEqualTo(ActionOutcome.Status.DONE);
		mail.dispatch();
		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		Thread.sleep(300);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		MimeMessage received = smtp.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo("株式会社アクメ 様 ご利用状況について");
		assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).endsWith(" suzuki");
		assertThat(text(received)).contains("山田 太郎 様", "シグナル: paying_idle");
	}

	static String text(MimeMessage message) throws Exception {
		Object content = message.getContent();
		if (content instanceof String s) {
			return s;
		}
		return find((Multipart) content);
	}

	private static String find(Multipart multipart) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.isMimeType("text/plain")) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof Multipart inner) {
				String found = find(inner);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}
}
