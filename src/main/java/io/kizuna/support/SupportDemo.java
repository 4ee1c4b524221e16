package io.kizuna.support;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's tickets: mail in ISO-2022-JP (with ①, ㈱, ～), Shift_JIS and UTF-8 fed as raw RFC 822 through
 * {@link SupportDesk#receive} like fetched mail, phone calls and API tickets, in every status, struggling accounts
 * with more of them; two macros per language. Ticket #1 is a Japanese mail with an attachment.
 */
@Component
class SupportDemo implements DemoContribution {

	private static final Logger log = LoggerFactory.getLogger(SupportDemo.class);

	static final List<String> JA = List.of("①請求書の再発行をお願いします", "ログインできません（㈱本社アカウント）",
			"CSVエクスポートが途中で止まります", "ユーザー追加の方法を教えてください", "10:00～12:00にダッシュボードが表示されません",
			"契約更新の見積もりについて", "API連携でエラーが発生します", "通知メールが届きません");

	static final List<String> EN = List.of("Please reissue last month's invoice", "Cannot sign in since this morning",
			"CSV export stops halfway", "How do I add users?", "Dashboard does not load between 10:00 and 12:00",
			"Quote for the renewal", "Errors in the API integration", "Notification e-mails do not arrive");

	static final List<String> STRUGGLING = List.of("declining", "paying_idle", "onboarding_stalled",
			"key_feature_missing", "seats_unused");

	static final List<String> STATES = List.of("new", "open", "pending", "on_hold", "solved", "closed");

	private final SupportDesk desk;

	private final SupportMacros macros;

	private final AccountManagement accounts;

	private final JdbcClient jdbc;

	SupportDemo(SupportDesk desk, SupportMacros macros, AccountManagement accounts, JdbcClient jdbc) {
		this.desk = desk;
		this.macros = macros;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 300;
	}

	@Override
	public void load(DemoWorkspace demo) {
		boolean loaded = jdbc.sql("select exists (select 1 from support_ticket where workspace_id = :ws)")
			.param("ws", demo.workspace().value()).query(Boolean.class).single();
		if (loaded || demo.accounts().isEmpty()) {
			return;
		}
		Random random = new Random(demo.seed() ^ 0x5099);
		boolean ja = demo.japanese();
		List<String> subjects = ja ? JA : EN;
		int count = 0;
		int accountsUsed = 0;
		for (DemoWorkspace.Account account : demo.accounts()) {
			if (accountsUsed++ >= 80) {
				break;
			}
			String domain = accounts.findAccount(demo.workspace(), account.externalId())
				.map(a -> a.domain())
				.orElse(null);
			String mailDomain = domain == null || domain.isBlank() ? account.externalId() + ".example" : domain;
			int tickets = STRUGGLING.contains(account.archetype()) ? 3 + random.nextInt(3)
					: "churned".equals(account.archetype()) ? 1 : random.nextInt(2);
			if (count == 0) {
				tickets = Math.max(tickets, 1);
			}
			for (int i = 0; i < tickets; i++) {
				String subject = subjects.get(random.nextInt(subjects.size()));
				String person = ja ? "佐藤 花子" : "Alex Morgan";
				String email = "user" + (i + 1) + "@" + mailDomain;
				long ticketId;
				int kind = count % 4;
				if (kind == 3) {
					ticketId = desk.create(demo.workspace(), new TicketDraft(subject,
							ja ? "電話でのお問い合わせ内容をAPIで登録しました。" : "Logged through the API.", email, person,
							account.externalId(), "normal", "question", List.of(), "api"), null).id();
				}
				else {
					String charset = kind == 0 ? "ISO-2022-JP" : kind == 1 ? "Shift_JIS" : "UTF-8";
					ticketId = desk.receive(demo.workspace(), null,
							raw(count, charset, person, email, subject, body(ja, account.name()), count == 0)).ticketId();
				}
				String state = STATES.get(count % STATES.size());
				if (!"new".equals(state)) {
					desk.update(demo.workspace(), ticketId, new TicketUpdate(state,
							count % 5 == 0 ? "high" : null, null, count % 3 == 0 ? List.of("billing") : null, null, false),
							demo.ownerUserIds().isEmpty() ? null : demo.ownerUserIds().get(count % demo.ownerUserIds().size()));
				}
				count++;
			}
		}
		if (ja) {
			macros.create(demo.workspace(), "受付のご連絡", "ja", "{{requester.name}}様\n\nお問い合わせありがとうございます。"
					+ "内容を確認のうえ、担当よりご連絡いたします。\n\n{{agent.name}}", "open");
			macros.create(demo.workspace(), "解決のご連絡", "ja", "{{requester.name}}様\n\n本件は解決したものとしてクローズいたします。"
					+ "ご不明な点があればこのメールにご返信ください。\n\n{{agent.name}}", "solved");
		}
		macros.create(demo.workspace(), "Acknowledge", "en", "Hello {{requester.name}},\n\nThank you for contacting us about "
				+ "\"{{ticket.subject}}\". We will get back to you shortly.\n\n{{agent.name}}", "open");
		macros.create(demo.workspace(), "Solved", "en", "Hello {{requester.name}},\n\nWe consider this solved. Reply to this "
				+ "e-mail if anything is still unclear.\n\n{{agent.name}}", "solved");
		log.info("Demo support: {} tickets", count);
	}

	static String body(boolean ja, String account) {
		return ja ? "お世話になっております。" + account + "の佐藤です。\n①画面の表示が遅くなっています。\n㈱本社の全ユーザーで発生しています。\n"
				+ "本日10:00～12:00の間に特に顕著でした。\nご確認をお願いいたします。\n"
				: "Hello,\nthis is Alex from " + account + ". Pages have been slow since this morning for all our users.\n"
						+ "Could you have a look?\n";
	}

	static byte[] raw(int n, String charset, String person, String email, String subject, String body,
			boolean attachment) {
		Charset java = MailSupportCharsets.of(charset);
		String encodedSubject = "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(subject.getBytes(java)) + "?=";
		String encodedName = "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(person.getBytes(java)) + "?=";
		String transfer = charset.equals("ISO-2022-JP") ? "7bit" : "base64";
		String encodedBody = charset.equals("ISO-2022-JP")
				? new String(body.replace("\n", "\r\n").getBytes(java), StandardCharsets.US_ASCII)
				: Base64.getMimeEncoder().encodeToString(body.getBytes(java));
		StringBuilder mail = new StringBuilder();
		mail.append("Message-ID: <demo-").append(n).append("@").append(email.substring(email.indexOf('@') + 1)).append(">\r\n")
			.append("From: ").append(encodedName).append(" <").append(email).append(">\r\n")
			.append("To: support@kizuna.example\r\nSubject: ").append(encodedSubject).append("\r\nMIME-Version: 1.0\r\n");
		if (!attachment) {
			mail.append("Content-Type: text/plain; charset=").append(charset).append("\r\nContent-Transfer-Encoding: ")
				.append(transfer).append("\r\n\r\n").append(encodedBody).append("\r\n");
		}
		else {
			mail.append("Content-Type: multipart/mixed; boundary=\"demo\"\r\n\r\n--demo\r\nContent-Type: text/plain; charset=")
				.append(charset).append("\r\nContent-Transfer-Encoding: ").append(transfer).append("\r\n\r\n")
				.append(encodedBody).append("\r\n--demo\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=\"")
				.append("=?" + charset + "?B?" + Base64.getEncoder().encodeToString("①エラー一覧.csv".getBytes(java)) + "?=")
				.append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
				.append(Base64.getMimeEncoder().encodeToString("time,error\n10:00,timeout\n".getBytes(StandardCharsets.UTF_8)))
				.append("\r\n--demo--\r\n");
		}
		return mail.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** The encoders for the labels the demo writes (Windows supersets, as Japanese mailers do). */
	static final class MailSupportCharsets {

		static Charset of(String label) {
			return io.kizuna.support.mail.MailCharsets.forLabel(label);
		}
	}
}
