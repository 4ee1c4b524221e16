package io.kizuna.knowledge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.Ticket;
import io.kizuna.support.TicketPage;
import io.kizuna.support.TicketView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's help center: five categories, 30 articles (28 public, 2 internal) in ja and en — three without an
 * English version, so the fallback shows — 60 days of help-center searches including queries that find nothing (the
 * content gaps: ポイント還元, SSO, モバイルアプリ…), clicks, views and ratings. Deterministic from the seed; a second
 * load adds nothing.
 */
@Component
class KnowledgeDemo implements DemoContribution {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeDemo.class);

	/** slug, category, ja title, ja body, en title (null: no English version), en body. */
	private static final String[][] ARTICLES = {
			{ "getting-started", "0", "はじめての設定ガイド", "管理画面にログインし、会社情報とタイムゾーンを設定します。次にメンバーを招待しましょう。", "Getting started", "Sign in, set your company details and time zone, then invite your team." },
			{ "invite-members", "0", "メンバーを招待する", "設定 > メンバーからメールアドレスを入力して招待します。招待メールは24時間有効です。", "Inviting members", "Go to Settings > Members and enter their email addresses. Invitations expire after 24 hours." },
			{ "roles", "0", "権限（ロール）の種類", "管理者、マネージャー、CSM、サポート、閲覧者の5つのロールがあります。", "User roles and permissions", "There are five roles: admin, manager, CSM, support and viewer." },
			{ "time-zone", "0", "タイムゾーンと日付の表示", "日付はワークスペースのタイムゾーン（初期値は東京）で表示されます。", "Time zone and dates", "Dates are shown in the workspace time zone (Tokyo by default)." },
			{ "dashboard", "0", "ダッシュボードの見方", "ヘルススコアの分布と今週のタスクを一目で確認できます。", "Reading the dashboard", "See the health score distribution and this week's tasks at a glance." },
			{ "cancel-plan", "1", "プランを解約する方法", "請求設定の「解約する」から手続きできます。解約しても月末までは利用できます。", "How to cancel your plan", "Cancel from the billing settings. You can keep using the service until the end of the month." },
			{ "invoice", "1", "請求書の発行とダウンロード", "請求書は毎月1日に発行され、PDFでダウンロードできます。", "Downloading invoices", "Invoices are issued on the 1st of each month and can be downloaded as PDF." },
			{ "payment-methods", "1", "お支払い方法の変更", "クレジットカードと銀行振込に対応しています。変更は請求設定から行います。", "Changing the payment method", "We accept credit cards and bank transfer. Change it in the billing settings." },
			{ "consumption-tax", "1", "消費税の表示について", "料金表の金額は税抜です。請求書には消費税（10%）が含まれます。", "Consumption tax", "Prices are shown before tax; invoices include the 10% consumption tax." },
			{ "change-plan", "1", "プランの変更（アップグレード）", "上位プランへの変更は即日反映され、差額は日割りで請求されます。", "Upgrading your plan", "Upgrades apply at once and the difference is prorated." },
			{ "receipt", "1", "領収書の発行", "領収書は請求書の画面から発行できます。宛名は変更できます。", null, null },
			{ "password-reset", "2", "パスワードを忘れた場合", "ログイン画面の「パスワードを忘れた方」から再設定メールを送信します。", "Resetting your password", "Use \"Forgot password\" on the sign-in page to receive a reset email." },
			{ "two-factor", "2", "二段階認証を設定する", "セキュリティ設定で認証アプリを登録すると二段階認証が有効になります。", "Two-factor authentication", "Register an authenticator app in the security settings to turn on two-factor authentication." },
			{ "change-email", "2", "メールアドレスの変更", "プロフィール画面から変更できます。確認メールのリンクを開くと完了します。", "Changing your email address", "Change it on your profile; it takes effect when you open the confirmation link." },
			{ "delete-account", "2", "アカウントの削除", "管理者はワークスペースを削除できます。削除したデータは復元できません。", "Deleting your account", "Admins can delete the workspace. Deleted data cannot be restored." },
			{ "login-trouble", "2", "ログインできない場合", "パスワードの再設定を試し、それでもログインできない場合はサポートへご連絡ください。", "Cannot sign in", "Try resetting your password; if you still cannot sign in, contact support." },
			{ "slack", "3", "Slack連携の設定", "Slackのワークスペースと連携すると、ヘルススコアの変化を通知できます。", "Connecting Slack", "Connect your Slack workspace to be notified when health scores change." },
			{ "csv-import", "3", "CSVで顧客データを取り込む", "顧客・担当者・契約をCSVファイルで一括登録できます。文字コードはUTF-8またはShift_JISです。", "Importing customers from CSV", "Import accounts, contacts and subscriptions from a CSV file (UTF-8 or Shift_JIS)." },
			{ "segment-api", "3", "Segment互換APIでイベントを送る", "書き込みキーを使ってSegment互換APIにイベントを送信します。", "Sending events with the Segment API", "Send events to the Segment-compatible API with a write key." },
			{ "webhooks", "3", "Webhookの設定", "イベントが起きるとWebhookで外部システムに通知します。署名を検証してください。", "Setting up webhooks", "Webhooks notify other systems of events. Verify the signature of every call." },
			{ "salesforce", "3", "Salesforceとの連携", "Salesforceの取引先をKizunaの顧客として同期します。", null, null },
			{ "api-tokens", "3", "APIトークンの発行", "設定 > APIトークンから読み取り専用または読み書き用のトークンを発行します。", "Issuing API tokens", "Issue read-only or read-write tokens in Settings > API tokens." },
			{ "export-reports", "3", "レポートのエクスポート", "顧客一覧やレポートはCSVでエクスポートできます。", "Exporting reports", "Export account lists and reports as CSV spreadsheets." },
			{ "server-status", "4", "サーバーの稼働状況", "障害やメンテナンスの情報はステータスページでお知らせします。", "Service status", "Outages and maintenance are announced on the status page." },
			{ "slow-pages", "4", "画面の表示が遅い場合", "ブラウザのキャッシュを削除し、最新版のChromeまたはEdgeをお使いください。", "Pages load slowly", "Clear the browser cache and use the latest Chrome or Edge." },
			{ "email-not-received", "4", "メールが届かない場合", "迷惑メールフォルダを確認し、noreply@kizuna.example を受信許可に追加してください。", "Emails do not arrive", "Check the spam folder and allow noreply@kizuna.example." },
			{ "health-score", "4", "ヘルススコアが更新されない", "スコアは毎日深夜に再計算されます。イベントが届いているか確認してください。", "Health score does not update", "Scores are recomputed every night; check that events arrive." },
			{ "browser-support", "4", "対応ブラウザ", "Chrome、Edge、Firefox、Safariの最新版に対応しています。", null, null },
			{ "refund-internal", "1", "【社内】返金対応の手順", "返金は上長の承認後、経理に依頼します。顧客には3営業日以内に連絡します。", "[Internal] Handling refunds", "Refunds need a manager's approval, then go to accounting. Reply to the customer within 3 business days." },
			{ "escalation-internal", "4", "【社内】障害時のエスカレーション", "重大障害は開発チームのオンコールに電話で連絡します。", "[Internal] Escalating incidents", "Call the engineering on-call for severe incidents." } };

	private static final String[][] CATEGORIES = { { "はじめに", "Getting started" }, { "料金・請求", "Billing" },
			{ "アカウント", "Account" }, { "連携・データ", "Integrations and data" },
			{ "トラブルシューティング", "Troubleshooting" } };

	private static final String[] QUERIES_JA = { "解約", "請求書", "パスワード", "二段階認証", "CSV", "slack", "領収書",
			"消費税", "ログインできない", "サーバ", "ポイント還元", "モバイルアプリ", "請求書 郵送", "招待", "webhook" };

	private static final String[] QUERIES_EN = { "cancel", "invoice", "password", "two-factor", "csv", "slack",
			"refund policy", "mobile app", "sso okta", "invite", "webhooks", "export" };

	private final KnowledgeManagement knowledge;

	private final Articles articles;

	private final JdbcClient jdbc;

	private final KnowledgeIndex index;

	private final SupportDesk desk;

	KnowledgeDemo(KnowledgeManagement knowledge, Articles articles, JdbcClient jdbc, KnowledgeIndex index,
			SupportDesk desk) {
		this.index = index;
		this.desk = desk;
		this.knowledge = knowledge;
		this.articles = articles;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 400;
	}

	@Override
	public void load(DemoWorkspace demo) {
		WorkspaceId ws = demo.workspace();
		if (articles.count(ws) > 0) {
			return;
		}
		List<Long> categories = new ArrayList<>();
		for (int i = 0; i < CATEGORIES.length; i++) {
			categories.add(knowledge.createCategory(ws, new CategoryDraft(null, CATEGORIES[i][0], CATEGORIES[i][1], i)).id());
		}
		String first = demo.japanese() ? "ja" : "en";
		List<Long> ids = new ArrayList<>();
		for (String[] a : ARTICLES) {
			boolean internal = a[0].endsWith("-internal");
			ArticleDraft draft = new ArticleDraft(categories.get(Integer.parseInt(a[1])), internal ? "internal" : "public",
					List.of(CATEGORIES[Integer.parseInt(a[1])][1].toLowerCase().split(" ")[0]));
			TranslationDraft ja = new TranslationDraft(a[2], a[0], null, body(a[3], true));
			TranslationDraft en = a[4] == null ? null : new TranslationDraft(a[4], a[0] + "-en", null, body(a[5], false));
			Article article = knowledge.create(ws, draft, en != null && first.equals("en") ? "en" : "ja",
					en != null && first.equals("en") ? en : ja, "demo");
			if (en != null) {
				knowledge.saveTranslation(ws, article.id(), first.equals("en") ? "ja" : "en",
						first.equals("en") ? ja : en, "demo");
			}
			knowledge.setStatus(ws, article.id(), "published");
			ids.add(article.id());
		}
		// a second version, so the history has a diff to show
		knowledge.saveTranslation(ws, ids.get(5), "ja", new TranslationDraft(ARTICLES[5][2], ARTICLES[5][0], null,
				body(ARTICLES[5][3] + "\n\n解約の前にデータをエクスポートしておくことをおすすめします。", true)), "demo");
		knowledge.refreshIndex();
		traffic(demo, ids);
		log.info("Demo knowledge base: {} articles with search traffic", ids.size());
	}

	private static String body(String text, boolean japanese) {
		return text + "\n\n" + (japanese ? "## 手順\n\n1. 画面右上のメニューを開きます。\n2. 該当の項目を選びます。\n3. 保存します。\n\n"
				+ "| 項目 | 内容 |\n|---|---|\n| 対象 | すべてのプラン |\n| 所要時間 | 約5分 |"
				: "## Steps\n\n1. Open the menu at the top right.\n2. Choose the item.\n3. Save.\n\n"
						+ "| Item | Details |\n|---|---|\n| Plans | All plans |\n| Time | About 5 minutes |");
	}

	/** 60 days of searches (a third in the other language), clicks on results, views and ratings. */
	private void traffic(DemoWorkspace demo, List<Long> ids) {
		WorkspaceId ws = demo.workspace();
		Random random = new Random(demo.seed() ^ 0x6b62L);
		Map<String, List<SearchIndex.Hit>> results = new HashMap<>();
		Instant now = demo.today().plusDays(1).atStartOfDay(demo.zone()).toInstant();
		String[] main = demo.japanese() ? QUERIES_JA : QUERIES_EN;
		String[] second = demo.japanese() ? QUERIES_EN : QUERIES_JA;
		List<DemoSession> sessions = new ArrayList<>();
		for (int s = 0; s < 400; s++) {
			String session = String.format("demo-%s-%05d", Long.toHexString(demo.seed() & 0xffff), s);
			// about one visitor in four comes back for another session
			String visitor = String.format("demo-visitor-%s-%05d", Long.toHexString(demo.seed() & 0xffff),
					random.nextInt(4) == 0 && s > 0 ? random.nextInt(s) : s);
			Instant at = now.minus(1 + random.nextInt(60 * 24 * 60), ChronoUnit.MINUTES);
			String[] pool = random.nextInt(3) == 0 ? second : main;
			String query = pool[Math.min(pool.length - 1, (int) Math.abs(random.nextGaussian() * pool.length / 2.5))];
			List<SearchIndex.Hit> found = results.computeIfAbsent(query, q -> index.search(ws.value(), q, true, 10).hits());
			long search = jdbc.sql("""
					insert into knowledge_search (workspace_id, session_id, audience, query, results, searched_at)
					values (?, ?, 'public', ?, ?, ?) returning search_id""")
				.params(ws.value(), session, query, found.size(), java.sql.Timestamp.from(at))
				.query(Long.class).single();
			jdbc.sql("""
					insert into knowledge_session (workspace_id, session_id, visitor_id, started_at, last_seen_at,
					    searches, views)
					values (?, ?, ?, ?, ?, 1, ?) on conflict do nothing""")
				.params(ws.value(), session, visitor, java.sql.Timestamp.from(at),
						java.sql.Timestamp.from(at.plusSeconds(90)), found.isEmpty() ? 0 : 1)
				.update();
			sessions.add(new DemoSession(session, visitor, at, found.isEmpty()));
			if (!found.isEmpty() && random.nextInt(10) < 7) {
				long article = found.get(random.nextInt(Math.min(2, found.size()))).articleId();
				jdbc.sql("""
						insert into knowledge_click (workspace_id, search_id, article_id, clicked_at)
						values (?, ?, ?, ?) on conflict do nothing""")
					.params(ws.value(), search, article, java.sql.Timestamp.from(at.plusSeconds(5))).update();
				jdbc.sql("""
						insert into knowledge_view (workspace_id, article_id, day, views) values (?, ?, ?, 1)
						on conflict (workspace_id, article_id, day) do update set views = knowledge_view.views + 1""")
					.params(ws.value(), article, at.atZone(demo.zone()).toLocalDate()).update();
				if (random.nextInt(4) == 0) {
					boolean helpful = random.nextInt(10) < 7;
					String reason = helpful ? (random.nextBoolean() ? "solved" : "clear")
							: List.of("unclear", "outdated", "incomplete", "not_my_problem").get(random.nextInt(4));
					jdbc.sql("""
							insert into knowledge_feedback (workspace_id, article_id, language, helpful, reason, session_id,
							    created_at) values (?, ?, ?, ?, ?, ?, ?)""")
						.params(ws.value(), article, demo.language(), helpful, reason, session,
								java.sql.Timestamp.from(at.plusSeconds(60)))
						.update();
				}
			}
		}
		formTickets(demo, sessions);
		// views from visitors who came from search engines
		for (long article : ids) {
			jdbc.sql("""
					insert into knowledge_view (workspace_id, article_id, day, views) values (?, ?, ?, ?)
					on conflict (workspace_id, article_id, day) do update set views = knowledge_view.views + excluded.views""")
				.params(ws.value(), article, demo.today(), 1 + random.nextInt(20)).update();
		}
	}

	private record DemoSession(String session, String visitor, Instant startedAt, boolean nothingFound) {
	}

	/**
	 * The web form's tickets of the traffic's 60 days, each joined (as the form does with its visitor cookie) to the
	 * visitor of a session one to three days before it, a session that found nothing first: those are the sessions
	 * that were not deflected. The tickets are support's demo tickets, read through its facade; the form noted them
	 * already, before the demo dated them into the past, so the visit and the time are replaced.
	 */
	private void formTickets(DemoWorkspace demo, List<DemoSession> sessions) {
		WorkspaceId ws = demo.workspace();
		Instant since = demo.today().minusDays(60).atStartOfDay(demo.zone()).toInstant();
		List<Ticket> web = new ArrayList<>();
		Long before = null;
		do {
			TicketPage page = desk.view(ws, TicketView.ALL, 0, before, 200);
			page.items().stream().filter(t -> "web".equals(t.channel()) && t.createdAt().isAfter(since)).forEach(web::add);
			before = page.next();
		}
		while (before != null);
		java.util.Set<String> taken = new java.util.HashSet<>();
		for (Ticket ticket : web) {
			DemoSession chosen = sessions.stream()
				.filter(s -> !taken.contains(s.session()) && s.startedAt().isBefore(ticket.createdAt())
						&& s.startedAt().isAfter(ticket.createdAt().minus(3, ChronoUnit.DAYS)))
				.min(java.util.Comparator.comparing((DemoSession s) -> !s.nothingFound()).thenComparing(DemoSession::session))
				.orElse(null);
			if (chosen == null) {
				continue;
			}
			taken.add(chosen.session());
			jdbc.sql("""
					insert into knowledge_ticket (workspace_id, ticket_id, visitor_id, opened_at)
					values (?, ?, ?, ?) on conflict (workspace_id, ticket_id) do update
					set visitor_id = excluded.visitor_id, opened_at = excluded.opened_at""")
				.params(ws.value(), ticket.id(), chosen.visitor(), java.sql.Timestamp.from(ticket.createdAt())).update();
		}
	}
}
