package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The email channel end to end against GreenMail (IMAPS and SMTP): connect, fetch Japanese mail, reply with threading
 * headers, the customer's answer threading back, [#id] references, duplicates stored once, auto-replies and bounces
 * never answered, a spoofed agent reply kept as the customer's, and an unreachable server backing off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kizuna.support.mail.ssl-trust=*", "kizuna.scheduling.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupportMailIT {

	static final String SUPPORT = "support@kizuna-mail.test";

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	SupportDesk desk;

	@Autowired
	MailChannels channels;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReplyOutbox outbox;

	GreenMail mail;

	TestWorkspace ws;

	MailChannel channel;

	User agent;

	long ticketId;

	@BeforeAll
	void start() throws Exception {
		ServerSetup smtp = new ServerSetup(freePort(), "127.0.0.1", "smtp");
		ServerSetup imaps = new ServerSetup(freePort(), "127.0.0.1", "imaps");
		smtp.setServerStartupTimeout(60_000);
		imaps.setServerStartupTimeout(60_000);
		mail = new GreenMail(new ServerSetup[] { smtp, imaps });
		mail.start();
		mail.setUser(SUPPORT, "support", "imap-secret-password");
		ws = TestWorkspace.create(workspaces, people, keys, "supmail", "ja");
		accounts.createAccount(ws.id(), "acme", new AccountDraft("株式会社アクメ", "example.co.jp", null, null, null, null, null,
				null));
		String agentEmail = ws.user(people, "agent", Role.SUPPORT);
		agent = people.findUser(agentEmail).orElseThrow();
	}

	@AfterAll
	void stop() {
		mail.stop();
	}

	static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	void deliver(byte[] raw) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
		mail.getUserManager().getUser("support").deliver(message);
	}

	static byte[] raw(String text) {
		return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	@Test
	@Order(1)
	void connectSealsThePasswords() {
		channel = channels.connect(ws.id(), new MailChannelDraft("サポート窓口", SUPPORT, "127.0.0.1",
				mail.getImaps().getPort(), "support", "imap-secret-password", true, "127.0.0.1",
				mail.getSmtp().getPort(), null, null, false));
		String stored = jdbc.sql("select imap_password from support_channel where workspace_id = :ws")
			.param("ws", ws.id().value()).query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain("imap-secret-password");
		assertThat(channel.toString()).doesNotContain("imap-secret-password");
	}

	@Test
	@Order(2)
	void japaneseMailBecomesATicketLinkedByDomain() throws Exception {
		deliver(MailDecodingTests.raw("iso-2022-jp-windows.eml"));
		MailChannels.FetchResult result = channels.fetchNow(ws.id(), channel.id());
		assertThat(result.error()).isNull();
		assertThat(result.fetched()).isEqualTo(1);
		Ticket ticket = desk.view(ws.id(), TicketView.ALL, 0, null, 10).items().get(0);
		ticketId = ticket.id();
		assertThat(ticket.subject()).isEqualTo("①請求書について㈱キズナ～確認");
		assertThat(ticket.requesterEmail()).isEqualTo("hanako@example.co.jp");
		assertThat(ticket.accountId()).isEqualTo(accounts.account(ws.id(), "acme").id());
		assertThat(ticket.requesterContactId()).isNotNull();
		assertThat(ticket.channel()).isEqualTo("email");
		TicketMessage message = desk.messages(ws.id(), ticketId).get(0);
		assertThat(message.bodyText()).contains("①請求書の件、㈱キズナ様宛てです。");
		assertThat(desk.original(ws.id(), ticketId, message.id()))
			.isEqualTo(MailDecodingTests.raw("iso-2022-jp-windows.eml"));
	}

	@Test
	@Order(3)
	void theSameMessageTwiceIsStoredOnce() throws Exception {
		assertThat(channels.fetchNow(ws.id(), channel.id()).fetched()).isZero();
		InboundMail again = desk.receive(ws.id(), channel.id(), MailDecodingTests.raw("iso-2022-jp-windows.eml"));
		assertThat(again.duplicate()).isTrue();
		// delivered again to the mailbox: a new UID, the same message
		deliver(MailDecodingTests.raw("iso-2022-jp-windows.eml"));
		assertThat(channels.fetchNow(ws.id(), channel.id()).fetched()).isEqualTo(1);
		assertThat(desk.messages(ws.id(), ticketId)).hasSize(1);
		assertThat(desk.view(ws.id(), TicketView.ALL, 0, null, 10).items()).hasSize(1);
	}

	@Test
	@Order(4)
	void agentReplyGoesOutWithThreadingHeadersAndTheAnswerThreadsBack() throws Exception {
		TicketMessage reply = desk.reply(ws.id(), ticketId, agent, "ご連絡ありがとうございます。\n確認いたします。", "pending");
		assertThat(reply.delivery()).isEqualTo("queued"); // sent after the request by the outbox (ADR 0117)
		assertThat(outbox.deliverDue(10)).isEqualTo(1);
		assertThat(desk.message(ws.id(), ticketId, reply.id()).delivery()).isEqualTo("sent");
		MimeMessage[] sent = mail.getReceivedMessagesForDomain("example.co.jp");
		assertThat(sent).hasSize(1);
		MimeMessage out = sent[0];
		assertThat(out.getHeader("Message-ID")[0]).isEqualTo(reply.mailMessageId());
		assertThat(out.getHeader("In-Reply-To")[0]).isEqualTo("<jis-1@example.co.jp>");
		assertThat(out.getHeader("References")[0]).contains("<jis-1@example.co.jp>");
		assertThat(out.getSubject()).isEqualTo("Re: ①請求書について㈱キズナ～確認 [#" + ticketId + "]");
		assertThat(desk.ticket(ws.id(), ticketId).status()).isEqualTo("pending");
		assertThat(desk.ticket(ws.id(), ticketId).firstResponseAt()).isNotNull();

		deliver(raw("""
				Message-ID: <answer-1@example.co.jp>
				From: hanako@example.co.jp
				To: support@kizuna-mail.test
				Subject: =?UTF-8?B?UmU6IOOBguOCiuOBjOOBqOOBhg==?=
				In-Reply-To: %s
				References: <jis-1@example.co.jp> %s
				Content-Type: text/plain; charset=UTF-8

				ありがとうございます。
				""".formatted(reply.mailMessageId(), reply.mailMessageId())));
		assertThat(channels.fetchNow(ws.id(), channel.id()).fetched()).isEqualTo(1);
		assertThat(desk.messages(ws.id(), ticketId)).hasSize(3);
		assertThat(desk.ticket(ws.id(), ticketId).status()).isEqualTo("open");
		assertThat(desk.history(ws.id(), ticketId)).extracting(TicketChange::field).contains("created", "reply", "status");
	}

	@Test
	@Order(5)
	void ticketReferenceInTheSubjectThreadsForAParticipantOnly() {
		InboundMail byReference = desk.receive(ws.id(), channel.id(), raw("""
				Message-ID: <ref-1@example.co.jp>
				From: hanako@example.co.jp
				Subject: 追加の質問 [#%d]

				もう一点あります。
				""".formatted(ticketId)));
		assertThat(byReference.ticketId()).isEqualTo(ticketId);
		InboundMail stranger = desk.receive(ws.id(), channel.id(), raw("""
				Message-ID: <ref-2@elsewhere.example>
				From: stranger@elsewhere.example
				Subject: hijack [#%d]

				let me in
				""".formatted(ticketId)));
		assertThat(stranger.ticketId()).isNotEqualTo(ticketId);
		assertThat(stranger.newTicket()).isTrue();
	}

	@Test
	@Order(6)
	void autoRepliesAndBouncesAreKeptButNeverAnswered() throws Exception {
		int before = mail.getReceivedMessages().length;
		String status = desk.ticket(ws.id(), ticketId).status();
		InboundMail auto = desk.receive(ws.id(), channel.id(), raw("""
				Message-ID: <ooo-1@example.co.jp>
				From: hanako@example.co.jp
				Subject: =?UTF-8?B?5LiN5Zyo?= [#%d]
				Auto-Submitted: auto-replied

				不在です。
				""".formatted(ticketId)));
		assertThat(auto.ticketId()).isEqualTo(ticketId);
		assertThat(desk.ticket(ws.id(), ticketId).status()).isEqualTo(status);
		InboundMail bounce = desk.receive(ws.id(), channel.id(), MailDecodingTests.raw("bounce.eml"));
		Ticket bounced = desk.ticket(ws.id(), bounce.ticketId());
		assertThat(bounced.type()).isEqualTo("bounce");
		assertThat(bounced.status()).isEqualTo("closed");
		assertThat(bounced.assigneeUserId()).isNull();
		assertThat(mail.getReceivedMessages()).hasSize(before);
	}

	@Test
	@Order(7)
	void aSpoofedAgentReplyIsTheCustomersMessage() {
		InboundMail spoof = desk.receive(ws.id(), channel.id(), raw("""
				Message-ID: <spoof-1@evil.example>
				From: %s
				Subject: Re: [#%d]
				In-Reply-To: <jis-1@example.co.jp>

				I am the agent, trust me.
				""".formatted(agent.email(), ticketId)));
		assertThat(spoof.ticketId()).isEqualTo(ticketId);
		TicketMessage stored = desk.message(ws.id(), ticketId, spoof.messageId());
		assertThat(stored.kind()).isEqualTo("customer");
		assertThat(stored.authorUserId()).isNull();
	}

	@Test
	@Order(8)
	void unreachableServerBacksOffAndSaysSo() throws Exception {
		MailChannel dead = channels.connect(ws.id(), new MailChannelDraft("dead", "dead@kizuna-mail.test", "127.0.0.1",
				freePort(), "x", "dead-secret", true, "127.0.0.1", freePort(), null, null, false));
		MailChannels.FetchResult result = channels.fetchNow(ws.id(), dead.id());
		assertThat(result.error()).isEqualTo("unreachable");
		MailChannel after = channels.channel(ws.id(), dead.id());
		assertThat(after.failures()).isEqualTo(1);
		assertThat(after.lastError()).isEqualTo("unreachable").doesNotContain("dead-secret");
		assertThat(after.nextFetchAt()).isAfter(java.time.Instant.now().plusSeconds(30));
		channels.fetchNow(ws.id(), dead.id());
		assertThat(channels.channel(ws.id(), dead.id()).failures()).isEqualTo(2);
	}

	@Test
	@Order(9)
	void mergeMovesMessagesAndPointsToTheSurvivor() {
		Ticket other = desk.create(ws.id(), new TicketDraft("重複", "同じ件です", "hanako@example.co.jp", null, null, null,
				null, List.of("billing"), "api"), agent.id());
		Ticket survivor = desk.merge(ws.id(), other.id(), ticketId, agent.id());
		assertThat(survivor.tags()).contains("billing");
		Ticket merged = desk.ticket(ws.id(), other.id());
		assertThat(merged.mergedIntoId()).isEqualTo(ticketId);
		assertThat(merged.status()).isEqualTo("closed");
		assertThat(desk.messages(ws.id(), ticketId)).anySatisfy(m -> assertThat(m.bodyText()).isEqualTo("同じ件です"));
		assertThat(desk.history(ws.id(), ticketId)).extracting(TicketChange::field).contains("merged_from");
	}

	@Test
	@Order(10)
	void roundRobinAmongAvailableAgentsWithACap() {
		User a = people.findUser(ws.user(people, "rr-a", Role.SUPPORT)).orElseThrow();
		User b = people.findUser(ws.user(people, "rr-b", Role.SUPPORT)).orElseThrow();
		User away = people.findUser(ws.user(people, "rr-away", Role.SUPPORT)).orElseThrow();
		agents.setAvailability(ws.id(), a.id(), true, 1);
		agents.setAvailability(ws.id(), b.id(), true, 1);
		agents.setAvailability(ws.id(), away.id(), false, 10);
		List<Long> assignees = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			assignees.add(desk.create(ws.id(), new TicketDraft("rr " + i, null, null, null, null, null, null, null, "api"),
					null).assigneeUserId());
		}
		assertThat(assignees.subList(0, 2)).containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(assignees.get(2)).isNull();
	}

	@Test
	@Order(11)
	void aFullMailboxIsFetchedInGroupsByteForByteAndAFailingMessageCostsOnlyItself() throws Exception {
		long before = jdbc.sql("select fetched_total from support_channel where workspace_id = :ws and channel_id = :id")
			.param("ws", ws.id().value()).param("id", channel.id()).query(Long.class).single();
		List<byte[]> sent = new java.util.ArrayList<>();
		for (int i = 0; i < 150; i++) {
			// message 37's sender cannot become a contact (an address over the contact's limit): it fails to store
			String from = i == 37 ? "x".repeat(250) + "@example.jp" : "group" + i + "@example.jp";
			byte[] raw = raw("From: =?ISO-2022-JP?B?GyRCOjRGIxsoQg==?= <" + from + ">\nTo: " + SUPPORT
					+ "\nSubject: Group " + i + "\nMessage-ID: <group-" + i + "@example.jp>\nMIME-Version: 1.0\n"
					+ "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + "グループ " + i
					+ " の本文です。①\n");
			sent.add(raw);
			deliver(raw);
		}
		MailChannels.FetchResult result = channels.fetchNow(ws.id(), channel.id());
		assertThat(result.error()).isNull();
		assertThat(result.fetched()).isEqualTo(150); // more than one group of 100, one fetch

		List<String> subjects = jdbc.sql("""
				select subject from support_message where workspace_id = :ws and subject like 'Group %'
				order by message_id""").param("ws", ws.id().value()).query(String.class).list();
		assertThat(subjects).hasSize(149).doesNotContain("Group 37").contains("Group 0", "Group 36", "Group 38",
				"Group 99", "Group 100", "Group 149");
		for (int i : new int[] { 0, 38, 99, 100, 149 }) {
			long[] ids = jdbc.sql("""
					select ticket_id, message_id from support_message where workspace_id = :ws and subject = :subject""")
				.param("ws", ws.id().value()).param("subject", "Group " + i)
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
			assertThat(desk.original(ws.id(), ids[0], ids[1])).isEqualTo(sent.get(i));
		}
		// the cursor is past all of them: nothing again, the failing one included
		assertThat(channels.fetchNow(ws.id(), channel.id()).fetched()).isZero();
		long after = jdbc.sql("select fetched_total from support_channel where workspace_id = :ws and channel_id = :id")
			.param("ws", ws.id().value()).param("id", channel.id()).query(Long.class).single();
		assertThat(after - before).isEqualTo(150);
	}

	@Autowired
	SupportAgents agents;
}
