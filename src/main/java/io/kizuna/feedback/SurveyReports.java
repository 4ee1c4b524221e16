package io.kizuna.feedback;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.stereotype.Service;

/**
 * Survey results (ADR 0104): scores by month from the monthly rollup, the response rate of deliveries, breakdowns by
 * segment, plan, tier, touch level and ARR band, verbatims, and each contact's latest answers for account 360.
 */
@Service
public class SurveyReports {

	public static final List<String> DIMENSIONS = List.of("segment", "plan", "tier", "touch", "arr_band");

	/** ARR band limits in major currency units: JPY, and every other currency. */
	static final long[] BANDS_JPY = { 1_000_000, 5_000_000, 20_000_000 };

	static final long[] BANDS_OTHER = { 10_000, 50_000, 200_000 };

	private final SurveyStore store;

	private final WorkspaceManagement workspaces;

	SurveyReports(SurveyStore store, WorkspaceManagement workspaces) {
		this.store = store;
		this.workspaces = workspaces;
	}

	/** The scope of a result: one survey, or every survey of a kind. */
	public record Scope(Long surveyId, String kind) {

		public static Scope survey(Survey s) {
			return new Scope(s.id(), s.kind());
		}

		public static Scope kind(String kind) {
			return new Scope(null, kind);
		}

		String where() {
			return surveyId != null ? "m.survey_id = :survey" : "m.kind = :kind";
		}
	}

	private LocalDate from(WorkspaceId ws, int months) {
		if (months < 1 || months > 120) {
			throw new InvalidInputException("invalid period", List.of("months: 1 to 120"));
		}
		ZoneId zone = workspaces.get(ws).timeZone();
		return YearMonth.now(zone).minusMonths(months - 1L).atDay(1);
	}

	public SurveyResults results(WorkspaceId ws, Scope scope, int months) {
		LocalDate from = from(ws, months);
		List<SurveyResults.Month> trend = new ArrayList<>();
		long[] total = new long[4];
		store.jdbc.sql("""
				select m.month, sum(m.responses), sum(m.promoters), sum(m.detractors), sum(m.score_sum)
				from feedback_survey_month m
				where m.workspace_id = :ws and %s and m.month >= :from
				group by m.month order by m.month""".formatted(scope.where()))
			.param("ws", ws.value()).param("survey", scope.surveyId()).param("kind", scope.kind()).param("from", from)
			.query(rs -> {
				long n = rs.getLong(2);
				long p = rs.getLong(3);
				long d = rs.getLong(4);
				long sum = rs.getLong(5);
				total[0] += n;
				total[1] += p;
				total[2] += d;
				total[3] += sum;
				trend.add(new SurveyResults.Month(YearMonth.from(rs.getDate(1).toLocalDate()),
						SurveyScores.score(scope.kind(), n, p, d, sum), n));
			});
		long[] rate = store.jdbc.sql("""
				select count(*) filter (where d.status in ('sent', 'answered')), count(*) filter (where d.status = 'answered')
				from feedback_survey_delivery d join feedback_survey s on s.workspace_id = d.workspace_id and s.survey_id = d.survey_id
				where d.workspace_id = :ws and %s and d.sent_at >= :from"""
			.formatted(scope.surveyId() != null ? "d.survey_id = :survey" : "s.kind = :kind"))
			.param("ws", ws.value()).param("survey", scope.surveyId()).param("kind", scope.kind())
			.param("from", java.sql.Timestamp.valueOf(from.atStartOfDay()))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		long passives = "nps".equals(scope.kind()) ? total[0] - total[1] - total[2] : 0;
		return new SurveyResults(scope.kind(), SurveyScores.score(scope.kind(), total[0], total[1], total[2], total[3]),
				total[0], total[1], passives, total[2], rate[0], rate[0] == 0 ? null : (double) rate[1] / rate[0], trend);
	}

	/** The score by group of one dimension over the period, largest groups first. */
	public List<SurveyResults.Group> breakdown(WorkspaceId ws, Scope scope, String dimension, int months) {
		if (dimension == null || !DIMENSIONS.contains(dimension)) {
			throw new InvalidInputException("invalid breakdown", List.of("by: one of " + String.join(", ", DIMENSIONS)));
		}
		LocalDate from = from(ws, months);
		long[] bands = "JPY".equals(workspaces.get(ws).currency().getCurrencyCode()) ? BANDS_JPY : BANDS_OTHER;
		int digits = Math.max(0, workspaces.get(ws).currency().getDefaultFractionDigits());
		long unit = (long) Math.pow(10, digits);
		String group = switch (dimension) {
			case "segment" -> """
					select s.key as key, s.name as label, r.* from r
					join segments_v_member sm on sm.workspace_id = :ws and sm.account_id = r.account_id
					join segments_v_segment s on s.workspace_id = :ws and s.segment_id = sm.segment_id""";
			case "plan" -> """
					select coalesce(p.plan, '') as key, coalesce(p.plan, '') as label, r.* from r
					left join lateral (select plan from accounts_v_subscription sub where sub.workspace_id = :ws
					    and sub.account_id = r.account_id order by (sub.status = 'active') desc, sub.mrr_minor desc limit 1) p on true""";
			case "tier" -> """
					select coalesce(a.tier, '') as key, coalesce(a.tier, '') as label, r.* from r
					left join accounts_v_account a on a.workspace_id = :ws and a.account_id = r.account_id""";
			case "touch" -> """
					select coalesce(t.level, '') as key, coalesce(t.level, '') as label, r.* from r
					left join segments_v_touch t on t.workspace_id = :ws and t.account_id = r.account_id""";
			default -> """
					select b.band as key, b.band as label, r.* from r
					left join health_v_account_status h on h.workspace_id = :ws and h.account_id = r.account_id
					cross join lateral (select case when h.arr_minor is null then ''
					    when h.arr_minor < :b1 then '1' when h.arr_minor < :b2 then '2' when h.arr_minor < :b3 then '3'
					    else '4' end as band) b""";
		};
		return store.jdbc.sql("""
				with r as (
				    select m.account_id, sum(m.responses) n, sum(m.promoters) p, sum(m.detractors) d, sum(m.score_sum) s
				    from feedback_survey_month m
				    where m.workspace_id = :ws and %s and m.month >= :from and m.account_id <> 0
				    group by m.account_id
				), g as (%s)
				select key, min(label), sum(n), sum(p), sum(d), sum(s) from g group by key order by sum(n) desc, key
				limit 200""".formatted(scope.where(), group))
			.param("ws", ws.value()).param("survey", scope.surveyId()).param("kind", scope.kind()).param("from", from)
			.param("b1", bands[0] * unit).param("b2", bands[1] * unit).param("b3", bands[2] * unit)
			.query((rs, n) -> new SurveyResults.Group(rs.getString(1), rs.getString(2),
					SurveyScores.score(scope.kind(), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)), rs.getLong(3)))
			.list();
	}

	/** The ARR band limits of the workspace, in minor units, for labelling bands 1-4. */
	public long[] arrBands(WorkspaceId ws) {
		long[] bands = "JPY".equals(workspaces.get(ws).currency().getCurrencyCode()) ? BANDS_JPY : BANDS_OTHER;
		long unit = (long) Math.pow(10, Math.max(0, workspaces.get(ws).currency().getDefaultFractionDigits()));
		return new long[] { bands[0] * unit, bands[1] * unit, bands[2] * unit };
	}

	/** Which verbatims to show: a survey or kind, an NPS band or score range, words in the text, an account. */
	public record VerbatimFilter(Long surveyId, String kind, String band, Integer minScore, Integer maxScore,
			String text, String accountExternalId, Long before, int limit) {
	}

	public List<SurveyResponse> verbatims(WorkspaceId ws, VerbatimFilter f) {
		if (f.text() != null && f.text().length() > 200) {
			throw new InvalidInputException("invalid filter", List.of("q: at most 200 characters"));
		}
		if (f.band() != null && !f.band().isBlank() && !List.of("promoter", "passive", "detractor").contains(f.band())) {
			throw new InvalidInputException("invalid filter", List.of("band: promoter, passive or detractor"));
		}
		String band = f.band() == null ? "" : f.band();
		String like = f.text() == null || f.text().isBlank() ? null
				: "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return store.jdbc.sql(SurveyStore.RESPONSE_SELECT + """
				where r.workspace_id = :ws and r.submitted and r.comment is not null
				  and (:survey::bigint is null or r.survey_id = :survey) and (:kind::text is null or r.kind = :kind)
				  and (:band = '' or (r.kind = 'nps' and case :band when 'promoter' then r.score >= 9
				       when 'passive' then r.score between 7 and 8 else r.score <= 6 end))
				  and (:min::int is null or r.score >= :min) and (:max::int is null or r.score <= :max)
				  and (:like::text is null or r.comment ilike :like)
				  and (:account::text is null or a.external_id = :account)
				  and (:before::bigint is null or r.response_id < :before)
				order by r.responded_at desc, r.response_id desc limit :limit""")
			.param("ws", ws.value()).param("survey", f.surveyId()).param("kind", blank(f.kind())).param("band", band)
			.param("min", f.minScore()).param("max", f.maxScore()).param("like", like)
			.param("account", blank(f.accountExternalId())).param("before", f.before())
			.param("limit", Math.max(1, Math.min(f.limit(), 500)))
			.query((rs, n) -> store.response(rs)).list();
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	public SurveyResponse response(WorkspaceId ws, long id) {
		return store.response(ws, id).orElseThrow(() -> new NotFoundException("no response " + id));
	}

	public Optional<SurveyResponse> findResponse(WorkspaceId ws, long id) {
		return store.response(ws, id);
	}

	/** The follow-up tasks linked to a response. */
	public List<SurveyResponse.FollowUp> followUps(WorkspaceId ws, long responseId) {
		return store.jdbc.sql("""
				select task_id, status, outcome, updated_at from feedback_survey_followup
				where workspace_id = ? and response_id = ? order by task_id""")
			.params(ws.value(), responseId)
			.query((rs, n) -> new SurveyResponse.FollowUp(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Each contact's latest submitted response for an account. */
	public List<SurveyResponse> latestByContact(WorkspaceId ws, long accountId) {
		return store.jdbc.sql("select * from (" + SurveyStore.RESPONSE_SELECT.replace("select r.response_id",
				"select distinct on (r.contact_id, r.kind) r.response_id") + """
				where r.workspace_id = ? and r.account_id = ? and r.submitted
				order by r.contact_id, r.kind, r.responded_at desc) x order by x.responded_at desc limit 50""")
			.params(ws.value(), accountId).query((rs, n) -> store.response(rs)).list();
	}

	/** NPS (points) or CSAT (%) per account over the last 12 months, for health: accounts without answers absent. */
	public Map<Long, Double> scoresByAccount(WorkspaceId ws, String kind) {
		Map<Long, Double> scores = new HashMap<>();
		store.jdbc.sql("""
				select account_id, sum(responses), sum(promoters), sum(detractors), sum(score_sum)
				from feedback_survey_month
				where workspace_id = ? and kind = ? and account_id <> 0 and month >= date_trunc('month', now() - interval '11 months')
				group by account_id""")
			.params(ws.value(), kind)
			.query(rs -> {
				scores.put(rs.getLong(1), SurveyScores.score(kind, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
			});
		return scores;
	}

	/** Accounts with an NPS detractor answer in the last {@code days} days: the lowest score and its response. */
	public Map<Long, long[]> recentDetractors(WorkspaceId ws, int days) {
		Map<Long, long[]> found = new HashMap<>();
		store.jdbc.sql("""
				select distinct on (account_id) account_id, score, response_id from feedback_survey_response
				where workspace_id = ? and submitted and kind = 'nps' and score <= 6 and account_id is not null
				  and responded_at >= now() - make_interval(days => ?)
				order by account_id, score, responded_at desc""")
			.params(ws.value(), days)
			.query(rs -> {
				found.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
			});
		return found;
	}

	/** Every response of a scope with its contact and account, in pages, oldest first (CSV export). */
	public void forEachResponse(WorkspaceId ws, Long surveyId, java.util.function.Consumer<SurveyResponse> each) {
		long after = 0;
		while (true) {
			List<SurveyResponse> page = store.jdbc.sql(SurveyStore.RESPONSE_SELECT + """
					where r.workspace_id = :ws and r.submitted and (:survey::bigint is null or r.survey_id = :survey)
					  and r.response_id > :after order by r.response_id limit 1000""")
				.param("ws", ws.value()).param("survey", surveyId).param("after", after)
				.query((rs, n) -> store.response(rs)).list();
			if (page.isEmpty()) {
				return;
			}
			page.forEach(each);
			after = page.get(page.size() - 1).id();
		}
	}
}
