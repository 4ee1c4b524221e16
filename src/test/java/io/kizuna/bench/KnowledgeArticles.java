package io.kizuna.bench;

import java.util.List;
import java.util.Random;

/**
 * Generated help-center articles for KnowledgeBenchmark: Markdown in ja or en (headings, paragraphs, numbered steps,
 * sometimes a table, inline code, a link, bold), a few hundred to a few thousand characters (log-uniform between 300
 * and 4,000), about 30 support topics so that searches find tens to hundreds of articles. Deterministic from the
 * seed.
 */
final class KnowledgeArticles {

	/** A support topic: its words in Japanese and English and the tag it gives an article. */
	record Topic(String ja, String en, String tag) {
	}

	static final List<Topic> TOPICS = List.of(new Topic("請求書", "invoice", "billing"),
			new Topic("解約", "cancellation", "billing"), new Topic("パスワード", "password", "account"),
			new Topic("二段階認証", "two-factor authentication", "security"),
			new Topic("CSVインポート", "CSV import", "data"), new Topic("Slack連携", "Slack integration", "integrations"),
			new Topic("Webhook", "webhook", "integrations"), new Topic("APIトークン", "API token", "integrations"),
			new Topic("メンバー招待", "member invitation", "account"), new Topic("権限", "permission", "account"),
			new Topic("ヘルススコア", "health score", "health"), new Topic("ダッシュボード", "dashboard", "getting-started"),
			new Topic("レポート", "report", "data"), new Topic("エクスポート", "export", "data"),
			new Topic("通知", "notification", "notifications"), new Topic("メール配信", "email delivery", "notifications"),
			new Topic("消費税", "consumption tax", "billing"), new Topic("領収書", "receipt", "billing"),
			new Topic("支払い方法", "payment method", "billing"), new Topic("プラン変更", "plan change", "billing"),
			new Topic("ログイン", "sign-in", "account"), new Topic("タイムゾーン", "time zone", "getting-started"),
			new Topic("セグメント", "segment", "data"), new Topic("プレイブック", "playbook", "automation"),
			new Topic("アンケート", "survey", "feedback"), new Topic("チケット", "ticket", "support"),
			new Topic("SLA", "SLA", "support"), new Topic("サーバー", "server", "troubleshooting"),
			new Topic("データ削除", "data deletion", "security"), new Topic("シングルサインオン", "single sign-on", "security"));

	static final String[][] CATEGORIES = { { "はじめに", "Getting started" }, { "料金・請求", "Billing" },
			{ "アカウント", "Account" }, { "連携・データ", "Integrations and data" },
			{ "トラブルシューティング", "Troubleshooting" }, { "セキュリティ", "Security" },
			{ "自動化", "Automation" }, { "サポート", "Support" } };

	private static final String[] JA_TITLES = { "%sの設定方法", "%sができない場合", "%sと%sの違い", "%sを変更するには",
			"%sに関するよくある質問", "%sが届かないときの確認事項", "はじめての%s", "%sを削除する" };

	private static final String[] EN_TITLES = { "How to set up the %s", "When the %s does not work",
			"The %s and the %s: what differs", "Changing the %s", "%s: frequently asked questions",
			"The %s does not arrive: what to check", "Getting started with the %s", "Deleting the %s" };

	private static final String[] JA_HEADINGS = { "%sについて", "%sの設定方法", "よくある質問", "%sができない場合", "注意事項",
			"手順", "%sの確認方法" };

	private static final String[] EN_HEADINGS = { "About the %s", "Setting up the %s", "Frequently asked questions",
			"When the %s does not work", "Notes", "Steps", "Checking the %s" };

	private static final String[] JA_SENTENCES = { "%sの設定は、管理画面の「設定」から変更できます。",
			"%sができない場合は、%sの状態を確認してください。", "%sを有効にすると、%sが自動的に更新されます。",
			"管理者だけが%sを変更できます。一般のメンバーには表示されません。", "%sに失敗したときは、数分待ってからもう一度お試しください。",
			"%sと%sを組み合わせると、顧客ごとに細かく管理できます。", "%sのメールが届かない場合は、迷惑メールフォルダをご確認ください。",
			"変更した%sは、次回のログインから反映されます。", "%sの履歴は、過去90日分まで確認できます。",
			"%sを削除すると元に戻せません。必要なデータは事前にエクスポートしてください。", "請求書払いをご希望の場合は、%sの画面からお申し込みください。",
			"%sは毎月1日に自動で発行され、PDFでダウンロードできます。", "うまく表示されないときは、ブラウザのキャッシュを削除してから%sを開き直してください。",
			"解約した後も、月末までは%sを利用できます。", "%sを設定していないと、%sの通知が送信されません。",
			"担当者が変わったときは、%sの宛先も忘れずに変更しましょう。", "%sの変更内容は監査ログに記録されます。" };

	private static final String[] EN_SENTENCES = { "You can change the %s settings under Settings in the admin console.",
			"If the %s does not work, check the status of the %s first.",
			"Turning on the %s updates the %s automatically every night.",
			"Only admins can change the %s; other members do not see it.",
			"When the %s fails, wait a few minutes and try again.",
			"Combining the %s with the %s gives you finer control over each account.",
			"If emails about the %s do not arrive, check your spam folder.",
			"Changes to the %s take effect the next time you sign in.", "The %s history goes back 90 days.",
			"Deleting the %s cannot be undone, so export what you need first.",
			"Invoices are issued on the first day of each month and list every %s.",
			"If the page does not load, clear the browser cache and open the %s again.",
			"After cancelling, you can keep using the %s until the end of the billing period.",
			"Without a %s, no notifications about the %s are sent.",
			"When the person in charge changes, remember to update the %s recipients too.",
			"Every change to the %s is recorded in the audit log." };

	private static final String[] JA_STEPS = { "「設定」を開きます。", "%sのタブを選びます。", "「編集」を押して内容を変更します。",
			"「保存」を押します。", "確認メールのリンクを開きます。", "%sが有効になったことを確認します。" };

	private static final String[] EN_STEPS = { "Open Settings.", "Choose the %s tab.", "Press Edit and change what you need.",
			"Press Save.", "Open the link in the confirmation email.", "Check that the %s is now on." };

	private final Random random;

	KnowledgeArticles(long seed) {
		this.random = new Random(seed);
	}

	/** One language version: title and Markdown body about the topics, of about the target length. */
	record Text(String title, String body) {
	}

	Topic topic() {
		return TOPICS.get(random.nextInt(TOPICS.size()));
	}

	/** A target length, log-uniform between 300 and 4,000 characters. */
	int length() {
		return (int) Math.round(Math.exp(Math.log(300) + random.nextDouble() * (Math.log(4_000) - Math.log(300))));
	}

	int nextInt(int bound) {
		return random.nextInt(bound);
	}

	Text text(boolean ja, Topic a, Topic b, int length, long id) {
		String wa = ja ? a.ja() : a.en();
		String wb = ja ? b.ja() : b.en();
		String[] titles = ja ? JA_TITLES : EN_TITLES;
		String title = fill(titles[random.nextInt(titles.length)], wa, wb);
		if (!ja) {
			title = Character.toUpperCase(title.charAt(0)) + title.substring(1);
		}
		StringBuilder body = new StringBuilder();
		while (body.length() < length) {
			String[] headings = ja ? JA_HEADINGS : EN_HEADINGS;
			body.append("## ").append(fill(headings[random.nextInt(headings.length)], pick(wa, wb), wb)).append("\n\n");
			int paragraphs = 1 + random.nextInt(3);
			for (int p = 0; p < paragraphs && body.length() < length; p++) {
				int sentences = 1 + random.nextInt(4);
				for (int s = 0; s < sentences; s++) {
					String[] pool = ja ? JA_SENTENCES : EN_SENTENCES;
					String sentence = fill(pool[random.nextInt(pool.length)], pick(wa, wb), pick(wb, wa));
					if (!ja) {
						sentence = Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
					}
					if (random.nextInt(8) == 0) {
						sentence = "**" + (ja ? "注意：" : "Note: ") + "**" + sentence;
					}
					body.append(sentence).append(ja ? "" : " ");
				}
				body.append("\n\n");
			}
			switch (random.nextInt(5)) {
				case 0, 1 -> {
					String[] steps = ja ? JA_STEPS : EN_STEPS;
					int n = 3 + random.nextInt(3);
					for (int s = 0; s < n; s++) {
						body.append(s + 1).append(". ").append(fill(steps[(s + random.nextInt(2)) % steps.length], wa, wb))
							.append('\n');
					}
					body.append('\n');
				}
				case 2 -> body.append(ja ? "| 項目 | 説明 |\n|---|---|\n| " + wa + " | `設定 > " + wa + "` から変更できます |\n| "
						+ wb + " | 管理者のみ |\n\n"
						: "| Item | What it does |\n|---|---|\n| " + wa + " | change it under `Settings > " + wa
								+ "` |\n| " + wb + " | admins only |\n\n");
				case 3 -> body.append(ja ? "詳しくは[" + wb + "のガイド](https://example.com/help/" + id + ")をご覧ください。\n\n"
						: "See the [" + wb + " guide](https://example.com/help/" + id + ") for more.\n\n");
				default -> {
				}
			}
		}
		return new Text(title, body.toString().strip());
	}

	private String pick(String a, String b) {
		return random.nextInt(3) == 0 ? b : a;
	}

	private static String fill(String template, String a, String b) {
		int slots = template.split("%s", -1).length - 1;
		return slots == 0 ? template : slots == 1 ? String.format(template, a) : String.format(template, a, b);
	}
}
