package io.kizuna.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.kizuna.KizunaApplication;
import io.kizuna.feedback.Survey;
import io.kizuna.feedback.SurveyDraft;
import io.kizuna.feedback.SurveyManagement;
import io.kizuna.feedback.SurveyReports;
import io.kizuna.feedback.SurveySettings;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18's survey targets. (1) Sending one survey to 50,000 contacts (five lists of 10,000, the API's maximum),
 * fatigue rules on, until all deliveries are queued; baseline in the same process: the same rows inserted with no
 * rule. (2) NPS by month (24 months) and by segment (20 segments) over 1,000,000 responses: p50/p95 of each query;
 * baseline: a count(*) over the responses.
 *
 * bench/run.sh surveys [contacts=50000] [responses=1000000] [runs=30]
 */
public final class SurveysBenchmark {

	public static void main(String[] args) throws Exception {
		int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
		int responses = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
		int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
			.web(WebApplicationType.NONE)
			.run("--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-data-surveys").toAbsolutePath(),
					"--kizuna.embedded-postgres.clean=true", "--kizuna.scheduling.enabled=false",
					"--logging.level.root=WARN")) {
			WorkspaceId ws = app.getBean(WorkspaceManagement.class)
				.create(new NewWorkspace("bench-surveys", "ベンチ株式会社", "JPY", "Asia/Tokyo", "ja")).id();
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			SurveyManagement surveys = app.getBean(SurveyManagement.class);
			SurveyReports reports = app.getBean(SurveyReports.class);
			int accounts = Math.max(1, contacts / 10);
			// test data straight into the owners' tables: this is the benchmark's setup, not module code
			jdbc.sql("""
					insert into account (workspace_id, external_id, name, tier)
					select ?, 'acc-' || i, 'Account ' || i, (array['enterprise','mid','smb'])[1 + i % 3]
					from generate_series(1, ?) i""").params(ws.value(), accounts).update();
			jdbc.sql("""
					insert into contact (workspace_id, external_id, email, name, account_id)
					select ?, 'c-' || i, 'c' || i || '@customer.example', 'Contact ' || i, a.account_id
					from generate_series(1, ?) i join account a on a.workspace_id = ? and a.external_id = 'acc-' || (1 + i % ?)""")
				.params(ws.value(), contacts, ws.value(), accounts).update();
			surveys.saveSettings(ws, new SurveySettings(30, false));
			Survey survey = surveys.create(ws, new SurveyDraft("nps", "Bench NPS", "ja", null, null, null, null, null, null, null));

			long b0 = System.nanoTime();
			jdbc.sql("""
					insert into feedback_survey_delivery (workspace_id, survey_id, contact_id, account_id, channel, language)
					select workspace_id, ?, contact_id, account_id, 'email', 'ja' from contact where workspace_id = ?""")
				.params(survey.id(), ws.value()).update();
			double baseline = (System.nanoTime() - b0) / 1e9;
			jdbc.sql("delete from feedback_survey_delivery where workspace_id = ?").param(ws.value()).update();

			long s0 = System.nanoTime();
			int queued = 0;
			for (int from = 1; from <= contacts; from += SurveyManagement.MAX_LIST) {
				int start = from;
				List<String> list = IntStream.range(start, Math.min(contacts + 1, start + SurveyManagement.MAX_LIST))
					.mapToObj(i -> "c-" + i).toList();
				queued += surveys.send(ws, survey.id(), null, list).queued();
			}
			double send = (System.nanoTime() - s0) / 1e9;
			System.out.printf("send: %,d contacts queued in %.2f s (target <= 30 s); baseline insert without rules %.2f s; "
					+ "ratio %.1f%n", queued, send, baseline, send / baseline);

			// 1,000,000 responses over 24 months, ~20% detractors, into the rollup as an import batch would
			jdbc.sql("delete from feedback_survey_delivery where workspace_id = ?").param(ws.value()).update();
			jdbc.sql("""
					insert into feedback_survey_response (workspace_id, survey_id, contact_id, account_id, kind, score, high,
					    answers, language, source, submitted, responded_at)
					select ?, ?, null, a.account_id, 'nps', s.score, s.score >= 9, '{}', 'ja', 'import', true,
					       now() - (i % 720) * interval '1 day'
					from generate_series(1, ?) i
					cross join lateral (select ((i::bigint * 7919) % 11)::int as score) s
					join account a on a.workspace_id = ? and a.external_id = 'acc-' || (1 + i % ?)""")
				.params(ws.value(), survey.id(), responses, ws.value(), accounts).update();
			jdbc.sql("""
					insert into feedback_survey_month (workspace_id, survey_id, account_id, month, kind, responses, promoters,
					    detractors, score_sum)
					select workspace_id, survey_id, account_id, date_trunc('month', responded_at at time zone 'Asia/Tokyo')::date,
					       'nps', count(*), count(*) filter (where high), count(*) filter (where score <= 6), sum(score)
					from feedback_survey_response where workspace_id = ? group by 1, 2, 3, 4""").param(ws.value()).update();
			for (int g = 0; g < 20; g++) {
				long segment = jdbc.sql("insert into segment (workspace_id, key, name, definition) values (?, ?, ?, 'tier = \"x\"') returning segment_id")
					.params(ws.value(), "seg-" + g, "Segment " + g).query(Long.class).single();
				jdbc.sql("""
						insert into segment_member (workspace_id, segment_id, account_id, entered_at)
						select workspace_id, ?, account_id, now() from account where workspace_id = ? and account_id % 20 = ?
						   or (workspace_id = ? and account_id % 7 = ? % 7)""")
					.params(segment, ws.value(), g, ws.value(), g).update();
			}
			jdbc.sql("analyze").update();
			List<Double> month = new ArrayList<>();
			List<Double> bySegment = new ArrayList<>();
			List<Double> base = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				long t0 = System.nanoTime();
				reports.results(ws, SurveyReports.Scope.survey(survey), 24);
				month.add((System.nanoTime() - t0) / 1e6);
				long t1 = System.nanoTime();
				reports.breakdown(ws, SurveyReports.Scope.survey(survey), "segment", 24);
				bySegment.add((System.nanoTime() - t1) / 1e6);
				long t2 = System.nanoTime();
				jdbc.sql("select count(*) from feedback_survey_response where workspace_id = ?").param(ws.value())
					.query(Long.class).single();
				base.add((System.nanoTime() - t2) / 1e6);
			}
			System.out.printf("NPS by month over %,d responses: p50 %.1f ms, p95 %.1f ms (target p95 <= 300 ms)%n", responses,
					pct(month, 50), pct(month, 95));
			System.out.printf("NPS by segment (20 segments): p50 %.1f ms, p95 %.1f ms%n", pct(bySegment, 50), pct(bySegment, 95));
			System.out.printf("baseline count(*) over the responses: p50 %.1f ms; ratio by month %.2f, by segment %.2f%n",
					pct(base, 50), pct(month, 50) / pct(base, 50), pct(bySegment, 50) / pct(base, 50));
		}
	}

	static double pct(List<Double> values, int p) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}
}
