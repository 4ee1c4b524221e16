package io.kizuna.feedback.surveys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.kizuna.feedback.Survey;
import io.kizuna.feedback.SurveyAnswers;
import io.kizuna.feedback.SurveyDraft;
import io.kizuna.feedback.SurveyManagement;
import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's quarterly NPS: six quarters of answers from up to two contacts per account, detractors far more common
 * among red accounts than green ones, comments in the demo's language; in the last 14 days several "can't log in"
 * comments (the demo's rising issue) and unhappy comments from the red accounts.
 */
@Component
class SurveyDemo implements DemoContribution {

	private static final Logger log = LoggerFactory.getLogger(SurveyDemo.class);

	static final List<String> HAPPY_JA = List.of("レポート機能がとても便利です。", "サポートの対応が早くて助かっています。",
			"導入してから業務が楽になりました。", "ダッシュボードが見やすいです。");

	static final List<String> HAPPY_EN = List.of("The reports save us hours every week.", "Support answers quickly.",
			"Our team works faster since we started.", "The dashboard is clear and useful.");

	static final List<String> UNHAPPY_JA = List.of("画面の表示が遅く、使いにくいです。", "価格に見合う価値を感じません。",
			"必要な機能が足りません。", "問い合わせの返事が遅いです。");

	static final List<String> UNHAPPY_EN = List.of("Pages are slow and hard to use.", "Not worth the price for us.",
			"A feature we need is missing.", "Support takes too long to answer.");

	static final List<String> LOGIN_JA = List.of("ログインできない日が何度かありました。", "今週またログインできない状態になりました。",
			"朝からログインできないことがあり困っています。");

	static final List<String> LOGIN_EN = List.of("We can't log in some mornings.", "Again this week we can't log in.",
			"Several of us can't log in since the last update.");

	private final SurveyManagement surveys;

	private final SurveyAnswers answers;

	private final JdbcClient jdbc;

	SurveyDemo(SurveyManagement surveys, SurveyAnswers answers, JdbcClient jdbc) {
		this.surveys = surveys;
		this.answers = answers;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 400;
	}

	@Override
	public void load(DemoWorkspace demo) {
		boolean ja = demo.japanese();
		String name = ja ? "四半期NPS" : "Quarterly NPS";
		if (surveys.surveys(demo.workspace()).stream().anyMatch(s -> s.name().equals(name))) {
			return;
		}
		Survey nps = surveys.create(demo.workspace(), new SurveyDraft("nps", name, demo.language(), null, 90, 3, 1, 14,
				null, null));
		surveys.create(demo.workspace(), new SurveyDraft("csat", ja ? "サポート満足度" : "Support satisfaction",
				demo.language(), null, 30, 3, 1, 14, null, null));
		Map<Long, String> bands = new HashMap<>();
		jdbc.sql("select account_id, band from health_v_account_status where workspace_id = ?")
			.param(demo.workspace().value()).query(rs -> {
				bands.put(rs.getLong(1), rs.getString(2));
			});
		record Person(String ref, long account) {
		}
		List<Person> people = jdbc.sql("""
				select external_id, account_id from (
				    select external_id, account_id, row_number() over (partition by account_id order by contact_id) n
				    from accounts_v_contact where workspace_id = ? and account_id is not null and external_id is not null) c
				where n <= 2 order by account_id, external_id""")
			.param(demo.workspace().value()).query((rs, n) -> new Person(rs.getString(1), rs.getLong(2))).list();
		Random random = new Random(demo.seed() ^ 0x5eed_18L);
		List<SurveyAnswers.PastResponse> rows = new ArrayList<>();
		LocalDate today = demo.today();
		int login = 0;
		for (Person p : people) {
			String band = bands.getOrDefault(p.account(), "yellow");
			double detractor = "red".equals(band) ? 0.6 : "yellow".equals(band) ? 0.3 : 0.08;
			double promoter = "red".equals(band) ? 0.1 : "yellow".equals(band) ? 0.3 : 0.6;
			for (int quarter = 5; quarter >= 0; quarter--) {
				if (random.nextDouble() < 0.25) {
					continue; // not everyone answers every quarter
				}
				LocalDate day = today.minusDays(quarter * 91L + 15 + random.nextInt(40));
				boolean recent = quarter == 0 && random.nextDouble() < 0.5;
				if (recent) {
					day = today.minusDays(1 + random.nextInt(13));
				}
				double roll = random.nextDouble();
				int score = roll < detractor ? random.nextInt(7) : roll < detractor + promoter ? 9 + random.nextInt(2)
						: 7 + random.nextInt(2);
				String comment = null;
				if (recent && login < 8 && random.nextDouble() < 0.35) {
					comment = (ja ? LOGIN_JA : LOGIN_EN).get(login % 3);
					score = Math.min(score, 5);
					login++;
				}
				else if (random.nextDouble() < 0.6) {
					List<String> pool = score <= 6 ? (ja ? UNHAPPY_JA : UNHAPPY_EN) : score >= 9 ? (ja ? HAPPY_JA : HAPPY_EN)
							: null;
					comment = pool == null ? null : pool.get(random.nextInt(pool.size()));
				}
				Instant at = day.atTime(10 + random.nextInt(8), random.nextInt(60)).atZone(demo.zone()).toInstant();
				rows.add(answers.pastResponse(demo.workspace(), nps.id(), p.ref(), null, Integer.toString(score), comment,
						demo.language(), at));
			}
		}
		for (int from = 0; from < rows.size(); from += 500) {
			answers.importResponses(demo.workspace(), rows.subList(from, Math.min(rows.size(), from + 500)));
		}
		log.info("Demo: {} NPS answers over six quarters ({} about logging in)", rows.size(), login);
	}
}
