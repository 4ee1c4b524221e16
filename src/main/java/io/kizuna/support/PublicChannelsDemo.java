package io.kizuna.support;

import java.time.Duration;
import java.time.Instant;
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
 * The demo's public channels, after support's tickets: the form and the chat open; in the last 14 days the rising
 * "can't log in" issue through the form and the chat; unhappy tickets from the declining and idle (red) accounts;
 * CSAT answers on the solved tickets (low from those accounts); form visits an article deflected.
 */
@Component
class PublicChannelsDemo implements DemoContribution {

	private static final Logger log = LoggerFactory.getLogger(PublicChannelsDemo.class);

	static final List<String> LOGIN_JA = List.of("ログインできない", "ログインできません", "パスワードを再設定してもログインできない",
			"SSOでログインできない");

	static final List<String> LOGIN_EN = List.of("Can't log in", "Cannot log in after password reset", "Can't log in with SSO",
			"Login fails since this morning");

	static final List<String> RED = List.of("declining", "paying_idle", "churned");

	private final PublicChannels channels;

	private final SupportDesk desk;

	private final AccountManagement accounts;

	private final JdbcClient jdbc;

	PublicChannelsDemo(PublicChannels channels, SupportDesk desk, AccountManagement accounts, JdbcClient jdbc) {
		this.channels = channels;
		this.desk = desk;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 310;
	}

	@Override
	public void load(DemoWorkspace demo) {
		boolean loaded = jdbc.sql("select exists (select 1 from support_public_settings where workspace_id = :ws)")
			.param("ws", demo.workspace().value()).query(Boolean.class).single();
		if (loaded || demo.accounts().isEmpty()) {
			return;
		}
		String origin = "https://www.example.co.jp";
		channels.save(demo.workspace(), new PublicChannelSettings(true, true, List.of(origin), true, "five", null, null));
		Random random = new Random(demo.seed() ^ 0xC5A7);
		boolean ja = demo.japanese();
		Instant now = Instant.now();
		int n = 0;
		for (DemoWorkspace.Account account : demo.accounts().subList(0, Math.min(12, demo.accounts().size()))) {
			String email = "user" + (n + 1) + "@" + domain(demo, account);
			String subject = (ja ? LOGIN_JA : LOGIN_EN).get(n % 4);
			String body = ja ? "今朝から" + account.name() + "の複数のユーザーがログインできません。エラー画面が表示されます。"
					: "Since this morning several users at " + account.name() + " can't log in; they see an error page.";
			long ticket = n % 3 == 2
					? channels.startChat(demo.workspace(), origin, ja ? "鈴木 一郎" : "Sam Lee", email, subject + "。" + body).ticketId()
					: channels.submit(demo.workspace(), new FormSubmission(ja ? "鈴木 一郎" : "Sam Lee", email, subject, body,
							null, PublicChannels.newSession())).orElseThrow().id();
			// a wave of the last five days: the rising issue text analytics finds
			backdate(demo, ticket, now.minus(Duration.ofHours(6 + random.nextInt(4 * 24))));
			n++;
		}
		int unhappy = 0;
		for (DemoWorkspace.Account account : demo.accounts()) {
			if (!RED.contains(account.archetype()) || unhappy >= 10) {
				continue;
			}
			String email = "manager@" + domain(demo, account);
			long ticket = channels.submit(demo.workspace(), new FormSubmission(ja ? "高橋 美咲" : "Jordan Kim", email,
					ja ? "対応が遅く、業務に支障が出ています" : "Your support is too slow and it hurts our work",
					ja ? "先週の問い合わせにまだ回答がありません。このままでは契約の更新を見送ります。"
							: "Last week's ticket is still unanswered. We will not renew if this goes on.",
					null, null)).orElseThrow().id();
			backdate(demo, ticket, now.minus(Duration.ofHours(12 + random.nextInt(10 * 24))));
			unhappy++;
		}
		int answers = answers(demo, random);
		for (int i = 0; i < 40; i++) {
			jdbc.sql("""
					insert into support_form_session (workspace_id, session_id, started_at, articles_opened, last_opened_at)
					values (:ws, :session, :at, :opened, :at) on conflict do nothing""")
				.param("ws", demo.workspace().value()).param("session", PublicChannels.newSession())
				.param("at", java.sql.Timestamp.from(now.minus(Duration.ofDays(random.nextInt(180)))))
				.param("opened", 1 + random.nextInt(3)).update();
		}
		log.info("Demo support channels: {} login tickets, {} unhappy tickets, {} CSAT answers", n, unhappy, answers);
	}

	private String domain(DemoWorkspace demo, DemoWorkspace.Account account) {
		String domain = accounts.findAccount(demo.workspace(), account.externalId()).map(a -> a.domain()).orElse(null);
		return domain == null || domain.isBlank() ? account.externalId() + ".example" : domain;
	}

	private void backdate(DemoWorkspace demo, long ticket, Instant at) {
		jdbc.sql("""
				update support_ticket set created_at = :at, updated_at = :at, status_changed_at = :at, last_customer_at = :at
				where workspace_id = :ws and ticket_id = :id""")
			.param("ws", demo.workspace().value()).param("id", ticket).param("at", java.sql.Timestamp.from(at)).update();
		jdbc.sql("update support_message set created_at = :at where workspace_id = :ws and ticket_id = :id")
			.param("ws", demo.workspace().value()).param("id", ticket).param("at", java.sql.Timestamp.from(at)).update();
		jdbc.sql("update support_form_session set started_at = :at where workspace_id = :ws and ticket_id = :id")
			.param("ws", demo.workspace().value()).param("id", ticket).param("at", java.sql.Timestamp.from(at)).update();
	}

	/**
	 * CSAT answers on the solved and closed tickets, over the last six months: red accounts mostly unhappy, the others
	 * mostly happy. Written directly (the demo has no customer to click), one survey per ticket as always.
	 */
	private int answers(DemoWorkspace demo, Random random) {
		record Solved(long ticket, Long account, Long agent, String archetype) {
		}
		java.util.Map<Long, String> archetypes = new java.util.HashMap<>();
		java.util.Map<String, Long> ids = accounts.accountIds(demo.workspace(),
				demo.accounts().stream().map(DemoWorkspace.Account::externalId).toList());
		demo.accounts().forEach(a -> {
			Long id = ids.get(a.externalId());
			if (id != null) {
				archetypes.put(id, a.archetype());
			}
		});
		List<Solved> solved = jdbc.sql("""
				select ticket_id, account_id, assignee_user_id from support_ticket
				where workspace_id = :ws and status in ('solved', 'closed') and merged_into_id is null
				  and type in ('question', 'incident', 'problem', 'task')""")
			.param("ws", demo.workspace().value())
			.query((rs, row) -> {
				Long account = Tickets.longOrNull(rs, "account_id");
				return new Solved(rs.getLong(1), account, Tickets.longOrNull(rs, "assignee_user_id"),
						account == null ? null : archetypes.get(account));
			})
			.list();
		int count = 0;
		for (Solved s : solved) {
			boolean red = s.archetype() != null && RED.contains(s.archetype());
			int rating = red ? 1 + random.nextInt(3) : 3 + random.nextInt(3);
			Instant sent = Instant.now().minus(Duration.ofDays(random.nextInt(180)));
			boolean answered = random.nextInt(10) < 7;
			jdbc.sql("""
					insert into support_csat (workspace_id, ticket_id, account_id, agent_user_id, token_sha256, scale,
					    sent_at, sent_by, rating, good, comment, answered_at)
					values (:ws, :ticket, :account, :agent, :sha, 'five', :sent, 'email', :rating, :good, :comment, :answeredAt)
					on conflict (workspace_id, ticket_id) do update set rating = excluded.rating, good = excluded.good,
					    comment = excluded.comment, answered_at = excluded.answered_at, sent_at = excluded.sent_at""")
				.param("ws", demo.workspace().value()).param("ticket", s.ticket()).param("account", s.account())
				.param("agent", s.agent())
				.param("sha", SupportDesk.sha256(PublicChannels.newSession().getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
				.param("sent", java.sql.Timestamp.from(sent)).param("rating", answered ? rating : null, java.sql.Types.SMALLINT)
				.param("good", answered ? rating >= 4 : null, java.sql.Types.BOOLEAN)
				.param("comment", answered && red ? (demo.japanese() ? "回答が遅すぎます。" : "Far too slow to answer.") : null)
				.param("answeredAt", answered ? java.sql.Timestamp.from(sent.plus(Duration.ofHours(3))) : null,
						java.sql.Types.TIMESTAMP)
				.update();
			count += answered ? 1 : 0;
		}
		return count;
	}
}
