package io.kizuna.feedback;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feedback's part of the demo: requests with votes from accounts of every size — one pushed by a few loud small
 * accounts, one by broad enterprise demand, one shipped (its voters told, its CSMs tasked), one merged duplicate —
 * and a year of reviews in ja and en, with the last fortnight's "can't log in" complaints from red accounts.
 */
@Component
class FeedbackDemo implements DemoContribution {

	private static final Logger log = LoggerFactory.getLogger(FeedbackDemo.class);

	private static final Set<String> STRUGGLING = Set.of("declining", "paying_idle", "seats_unused",
			"key_feature_missing", "onboarding_stalled");

	private final FeatureRequests requests;

	private final Reviews reviews;

	private final AccountManagement accounts;

	private final JdbcClient jdbc;

	FeedbackDemo(FeatureRequests requests, Reviews reviews, AccountManagement accounts, JdbcClient jdbc) {
		this.requests = requests;
		this.reviews = reviews;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 450;
	}

	@Override
	public void load(DemoWorkspace demo) {
		WorkspaceId ws = demo.workspace();
		boolean loaded = jdbc.sql("select exists (select 1 from feedback_request where workspace_id = :ws)")
			.param("ws", ws.value()).query(Boolean.class).single();
		if (loaded || demo.accounts().isEmpty()) {
			return;
		}
		boolean ja = demo.japanese();
		Random random = new Random(demo.seed() ^ 0xFEEDL);
		List<DemoWorkspace.Account> live = demo.accounts().stream().filter(a -> !"churned".equals(a.archetype())).toList();
		List<DemoWorkspace.Account> enterprise = live.stream().filter(a -> "enterprise".equals(a.tier())).toList();
		List<DemoWorkspace.Account> mid = live.stream().filter(a -> "mid-market".equals(a.tier())).toList();
		List<DemoWorkspace.Account> smb = live.stream().filter(a -> "smb".equals(a.tier())).toList();
		List<String> red = jdbc.sql("""
				select a.external_id from health_v_account_status h
				join accounts_v_account a on a.workspace_id = h.workspace_id and a.account_id = h.account_id
				where h.workspace_id = :ws and h.band = 'red' order by h.arr_minor desc, a.external_id limit 20""")
			.param("ws", ws.value()).query(String.class).list();
		String lang = ja ? "ja" : "en";

		long sso = request(ws, ja ? "SAML によるシングルサインオン" : "Single sign-on with SAML",
				ja ? "社内の ID 基盤（Okta、Entra ID）でログインしたい。監査対応で必須です。"
						: "We need to sign in with our identity provider (Okta, Entra ID); our auditors require it.",
				ja ? "セキュリティ" : "Security", List.of("sso", "enterprise"));
		accountVotes(ws, sso, take(enterprise, 14), lang, "account");
		accountVotes(ws, sso, take(mid, 4), lang, "ticket");

		long dark = request(ws, ja ? "ダークモード" : "Dark mode",
				ja ? "夜間の作業で画面がまぶしいので、ダークモードがほしいです。" : "The screens are too bright at night.",
				ja ? "画面" : "UI", List.of("ui"));
		for (DemoWorkspace.Account loud : take(smb, 3)) {
			contactVotes(ws, dark, loud, 5, lang);
		}

		long csv = request(ws, ja ? "ダッシュボードのCSV書き出し" : "Export dashboards to CSV",
				ja ? "経営会議用に、ダッシュボードの数字をCSVで取り出したい。" : "We report the dashboard figures to our board.",
				ja ? "レポート" : "Reporting", List.of("export"));
		accountVotes(ws, csv, take(mid, 9), lang, "account");
		accountVotes(ws, csv, take(smb.subList(Math.min(3, smb.size()), smb.size()), 3), lang, "note");

		long slack = request(ws, ja ? "Slack への通知" : "Notifications in Slack",
				ja ? "ヘルススコアが赤になったら Slack のチャンネルに通知してほしい。" : "Post to a Slack channel when an account turns red.",
				ja ? "連携" : "Integrations", List.of("slack", "notifications"));
		accountVotes(ws, slack, take(smb.subList(Math.min(6, smb.size()), smb.size()), 4), lang, "account");
		accountVotes(ws, slack, take(mid.subList(Math.min(9, mid.size()), mid.size()), 3), lang, "account");

		long login = request(ws, ja ? "二段階認証の後にログインできない問題の解消" : "Fix: can't log in after two-factor authentication",
				ja ? "二段階認証の後にログインできないことがあり、業務が止まります。" : "Some users can't log in after 2FA and work stops.",
				ja ? "セキュリティ" : "Security", List.of("login"));
		List<DemoWorkspace.Account> struggling = live.stream().filter(a -> red.contains(a.externalId())
				|| STRUGGLING.contains(a.archetype())).limit(8).toList();
		accountVotes(ws, login, struggling, lang, "ticket");
		requests.changeStatus(ws, login, "in_progress", "demo");

		long audit = request(ws, ja ? "監査ログの API" : "Audit log API",
				ja ? "操作履歴を SIEM に取り込みたい。" : "We want to feed the audit trail into our SIEM.",
				ja ? "セキュリティ" : "Security", List.of("api"));
		accountVotes(ws, audit, take(enterprise.subList(Math.min(2, enterprise.size()), enterprise.size()), 4), lang,
				"account");
		requests.changeStatus(ws, audit, "planned", "demo");
		requests.setRice(ws, audit, new RiceDraft(null, new BigDecimal("2"), 80, new BigDecimal("3")));
		requests.setRice(ws, sso, new RiceDraft(null, new BigDecimal("3"), 90, new BigDecimal("4")));
		requests.setRice(ws, dark, new RiceDraft(3, new BigDecimal("0.5"), 50, new BigDecimal("1")));

		long mobile = request(ws, ja ? "スマートフォンアプリ" : "Mobile app", ja ? "外出先で確認したい。" : "To check on the go.",
				ja ? "画面" : "UI", List.of("mobile"));
		accountVotes(ws, mobile, take(smb.subList(Math.min(10, smb.size()), smb.size()), 2), lang, "account");
		requests.changeStatus(ws, mobile, "declined", "demo");

		long calendar = request(ws, ja ? "日本の祝日カレンダー" : "Japanese holiday calendar",
				ja ? "SLA の計算で祝日を休業日として扱いたい。" : "Treat Japanese holidays as non-business days in SLAs.",
				ja ? "サポート" : "Support", List.of("sla"));
		accountVotes(ws, calendar, take(mid.subList(Math.min(12, mid.size()), mid.size()), 3), lang, "account");
		requests.changeStatus(ws, calendar, "shipped", "demo");

		long okta = request(ws, ja ? "Okta でログイン" : "Log in with Okta", "", ja ? "セキュリティ" : "Security",
				List.of("sso"));
		accountVotes(ws, okta, take(enterprise, 2), lang, "account");
		accountVotes(ws, okta, take(mid.subList(Math.min(15, mid.size()), mid.size()), 2), lang, "account");
		requests.merge(ws, okta, sso);

		int stored = reviews(ws, demo, random, red);
		log.info("Demo feedback: 9 feature requests, {} reviews", stored);
	}

	private long request(WorkspaceId ws, String title, String description, String category, List<String> tags) {
		return requests.create(ws, new RequestDraft(title, description, category, tags), "demo").id();
	}

	private void accountVotes(WorkspaceId ws, long request, List<DemoWorkspace.Account> voters, String lang, String via) {
		for (DemoWorkspace.Account account : voters) {
			String contact = contact(ws, account, 1, lang);
			requests.vote(ws, request, new VoteDraft(account.externalId(), contact, lang, via, null, null), "demo");
		}
	}

	private void contactVotes(WorkspaceId ws, long request, DemoWorkspace.Account account, int people, String lang) {
		for (int i = 1; i <= people; i++) {
			requests.vote(ws, request, new VoteDraft(account.externalId(), contact(ws, account, i, lang), lang, "portal",
					null, null), "demo");
		}
	}

	/** A demo contact of the account (created once): example.com addresses, never a real mailbox. */
	private String contact(WorkspaceId ws, DemoWorkspace.Account account, int n, String lang) {
		String id = account.externalId() + "-voice-" + n;
		if (accounts.findContact(ws, id).isEmpty()) {
			String[] ja = { "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健", "伊藤 由紀" };
			String[] en = { "Alex Morgan", "Sam Lee", "Jordan Smith", "Taylor Brown", "Casey Kim" };
			String name = ("ja".equals(lang) ? ja : en)[(n - 1) % 5];
			accounts.saveContact(ws, id, new ContactDraft("voice" + n + "@" + account.externalId() + ".example.com", name,
					null, account.externalId(), null, java.util.Map.of()));
		}
		return id;
	}

	private static <T> List<T> take(List<T> list, int n) {
		return list.subList(0, Math.min(n, list.size()));
	}

	private int reviews(WorkspaceId ws, DemoWorkspace demo, Random random, List<String> red) {
		boolean ja = demo.japanese();
		LocalDate today = demo.today();
		String[] sources = ja ? new String[] { "itreview", "itreview", "g2", "app_store", "google_play" }
				: new String[] { "g2", "g2", "capterra", "app_store", "google_play" };
		String[][] goodJa = { { "顧客の状況が一目でわかる", "ヘルススコアで優先順位がつけやすくなりました。" },
				{ "解約の予兆に早く気づける", "シグナルのおかげで更新前に手を打てました。" },
				{ "日本語の画面が自然", "メールの文字化けもなく、安心して使えます。" } };
		String[][] goodEn = { { "See every customer at a glance", "Health scores made prioritising easy." },
				{ "Churn signals arrive early", "We acted before renewals thanks to the signals." },
				{ "Solid and fast", "Imports of our history took minutes." } };
		String[][] badJa = { { "設定が難しい", "スコアカードの設定に時間がかかりました。" } };
		String[][] badEn = { { "Setup takes time", "Configuring scorecards took us a while." } };
		List<ReviewDraft> drafts = new ArrayList<>();
		for (int i = 0; i < 48; i++) {
			LocalDate day = today.minusDays(15 + random.nextInt(350));
			boolean inJa = ja ? i % 4 != 3 : i % 4 == 3;
			boolean good = random.nextDouble() < 0.8;
			String[] text = (good ? (inJa ? goodJa : goodEn) : (inJa ? badJa : badEn))[random.nextInt(good ? 3 : 1)];
			int stars = good ? 4 + random.nextInt(2) : 2 + random.nextInt(2);
			drafts.add(new ReviewDraft(sources[random.nextInt(sources.length)], "demo-" + i, BigDecimal.valueOf(stars),
					text[0], text[1], inJa ? "匿名ユーザー" : "Verified user", null, day, null, inJa ? "ja" : "en", null));
		}
		// the rising issue of the last fortnight, from accounts in the red band
		for (int i = 0; i < Math.min(5, Math.max(red.size(), 2)); i++) {
			String account = red.isEmpty() ? null : red.get(i % red.size());
			boolean inJa = ja ? i != 4 : i == 4;
			String email = account == null ? null : "voice1@" + account + ".example.com";
			if (account != null && accounts.findContact(ws, account + "-voice-1").isEmpty()) {
				accounts.saveContact(ws, account + "-voice-1", new ContactDraft(email, inJa ? "佐藤 花子" : "Alex Morgan",
						null, account, null, java.util.Map.of()));
			}
			drafts.add(new ReviewDraft(inJa ? "itreview" : "g2", "demo-login-" + i, BigDecimal.valueOf(1 + i % 2),
					inJa ? "ログインできない日が続いています" : "Can't log in since the last update",
					inJa ? "二段階認証のあとにログインできない。サポートの返信も遅く、更新を迷っています。"
							: "Several of us can't log in after two-factor authentication. We are reconsidering the renewal.",
					inJa ? "佐藤 花子" : "Alex Morgan", email, today.minusDays(1 + i * 3L), null, inJa ? "ja" : "en", null));
		}
		List<Long> ids = reviews.saveAll(ws, drafts);
		reviews.reply(ws, ids.get(ids.size() - 1), ja ? "ご不便をおかけし申し訳ありません。担当より個別にご連絡いたします。"
				: "We are sorry for the trouble; your account manager will contact you today.", "demo");
		return ids.size();
	}
}
