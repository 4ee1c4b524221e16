package io.kizuna.revenue;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The MRR movements and cohort matrices computed straight from the subscription history, as Kizuna did before the
 * read model (ADR 0017): every query rebuilds each account's runs of month ends. Slow at scale, but independent of
 * {@link MonthEndSteps}, so the tests and the revenue benchmark compare the read model's answers with these.
 */
public final class RevenueOracle {

	private RevenueOracle() {
	}

	static final String SPANS = """
			with spans as (
			    select c.account_id, c.currency, c.plan, c.mrr_minor, c.status,
			           date_trunc('month', c.effective_on)::date as first_month,
			           (date_trunc('month', lead(c.effective_on) over w) - interval '1 month')::date as last_month
			    from subscription_change c
			    where c.workspace_id = :ws and c.effective_on <= :toEnd
			    window w as (partition by c.subscription_id order by c.effective_on, c.change_id)),
			live as (
			    select account_id, currency, plan, mrr_minor, first_month,
			           least(coalesce(last_month, cast(:to as date)), cast(:to as date)) as last_month
			    from spans
			    where status in ('active', 'past_due') and mrr_minor > 0
			      and (last_month is null or last_month >= first_month)),
			""";

	private static final String MONTHS = SPANS + """
			islands as (
			    select account_id, currency, min(first_month) as first_month, max(last_month) as last_month
			    from (select account_id, currency, first_month, last_month,
			                 count(*) filter (where first_month > (prev_last + interval '1 month')::date or prev_last is null)
			                     over (partition by account_id, currency order by first_month, last_month) as island
			          from (select l.*, max(last_month) over (partition by account_id, currency
			                    order by first_month, last_month rows between unbounded preceding and 1 preceding) as prev_last
			                from live l) x) y
			    group by account_id, currency, island),
			deltas as (
			    select account_id, currency, first_month as month, 1 as accounts, 0::bigint as mrr from islands
			    union all
			    select account_id, currency, (last_month + interval '1 month')::date, -1, 0 from islands
			    where last_month < :to
			    union all
			    select account_id, currency, first_month, 0, mrr_minor from live
			    union all
			    select account_id, currency, (last_month + interval '1 month')::date, 0, -mrr_minor from live
			    where last_month < :to),
			cohorts as (
			    select * from (
			        select distinct on (account_id, currency) account_id, currency, first_month as cohort, plan
			        from live order by account_id, currency, first_month, mrr_minor desc, plan) f
			    where cohort between :from and :to)
			""";


	public static List<MrrMonth> monthly(JdbcClient jdbc, WorkspaceId workspace, YearMonth from, YearMonth to) {
		sortInMemory(jdbc);
		return jdbc.sql(SPANS + """
				deltas as (
				    select account_id, currency, first_month as month, mrr_minor as delta from live
				    union all
				    select account_id, currency, (last_month + interval '1 month')::date, -mrr_minor from live
				    where last_month < :to),
				changes as (
				    select account_id, currency, month, sum(delta) as delta from deltas
				    group by 1, 2, 3 having sum(delta) <> 0),
				steps as (
				    select account_id, currency, month, delta,
				           sum(delta) over (partition by account_id, currency order by month) as closing
				    from changes),
				first_paid as (
				    select c.account_id, c.currency, min(c.effective_on) as first_day from subscription_change c
				    where c.workspace_id = :ws and c.status in ('active', 'past_due') and c.mrr_minor > 0
				    group by c.account_id, c.currency),
				moves as (
				    select s.month, s.currency, s.delta, s.closing, s.closing - s.delta as opening, f.first_day
				    from steps s
				    left join first_paid f on f.account_id = s.account_id and f.currency = s.currency),
				monthly as (
				    select month, currency, sum(delta) as delta,
				           sum(case when opening = 0 and closing > 0 then 1 when opening > 0 and closing = 0 then -1 else 0 end)
				               as payers,
				           sum(closing) filter (where opening = 0 and closing > 0 and first_day > (month - interval '1 day')::date)
				               as new,
				           sum(delta) filter (where opening > 0 and closing > opening) as expansion,
				           sum(closing) filter (where opening = 0 and closing > 0 and first_day <= (month - interval '1 day')::date)
				               as reactivation,
				           -sum(delta) filter (where opening > 0 and closing > 0 and closing < opening) as contraction,
				           sum(opening) filter (where opening > 0 and closing = 0) as churn,
				           count(*) filter (where opening > 0 and closing = 0) as churned
				    from moves group by 1, 2),
				series as (
				    select cur.currency, m::date as month,
				           (select coalesce(sum(x.delta), 0) from monthly x
				            where x.currency = cur.currency and x.month < m) as opening,
				           (select coalesce(sum(x.payers), 0) from monthly x
				            where x.currency = cur.currency and x.month < m) as payers_at_start
				    from (select distinct currency from monthly) cur,
				         generate_series(cast(:from as date), cast(:to as date), interval '1 month') m)
				select s.month, s.currency, s.opening, coalesce(x.new, 0), coalesce(x.expansion, 0),
				       coalesce(x.reactivation, 0), coalesce(x.contraction, 0), coalesce(x.churn, 0),
				       s.opening + coalesce(x.delta, 0), s.payers_at_start, coalesce(x.churned, 0)
				from series s
				left join monthly x on x.currency = s.currency and x.month = s.month
				where s.opening > 0 or s.opening + coalesce(x.delta, 0) > 0
				order by s.month, s.currency""")
			.param("ws", workspace.value())
			.param("from", Date.valueOf(from.atDay(1)))
			.param("to", Date.valueOf(to.atDay(1)))
			.param("toEnd", Date.valueOf(to.atEndOfMonth()))
			.query((rs, row) -> new MrrMonth(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getString(2).trim(),
					rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
					rs.getLong(9), rs.getInt(10), rs.getInt(11)))
			.list();
	}

	public static List<Cohort> matrix(JdbcClient jdbc, WorkspaceId workspace, CohortQuery query) {
		// The breakdown picks one of these fixed expressions; an attribute key is only ever a bound parameter.
		String segment = query.breakdown() == null ? "null::text"
				: switch (query.breakdown()) {
					case PLAN -> "co.plan";
					case TIER -> "a.tier";
					case ATTRIBUTE -> "a.attributes ->> cast(:key as text)";
				};
		String join = query.breakdown() == CohortQuery.Breakdown.TIER
				|| query.breakdown() == CohortQuery.Breakdown.ATTRIBUTE
						? "join account a on a.workspace_id = :ws and a.account_id = co.account_id" : "";
		sortInMemory(jdbc);
		var statement = jdbc.sql(MONTHS + """
				select cohort, segment, currency, k, sum(accounts) over w, sum(mrr) over w
				from (select co.cohort, %s as segment, co.currency,
				             ((extract(year from d.month) - extract(year from co.cohort)) * 12
				              + extract(month from d.month) - extract(month from co.cohort))::int as k,
				             sum(d.accounts) as accounts, sum(d.mrr) as mrr
				      from cohorts co
				      join deltas d on d.account_id = co.account_id and d.currency = co.currency
				      %s
				      group by 1, 2, 3, 4) g
				window w as (partition by cohort, segment, currency order by k)
				order by 1, 2 nulls last, 3, 4""".formatted(segment, join))
			.param("ws", workspace.value())
			.param("from", Date.valueOf(query.from().atDay(1)))
			.param("to", Date.valueOf(query.to().atDay(1)))
			.param("toEnd", Date.valueOf(query.to().atEndOfMonth()));
		if (query.attributeKey() != null) {
			statement = statement.param("key", query.attributeKey());
		}
		Map<List<Object>, List<RevenueCohorts.Cell>> rows = new LinkedHashMap<>();
		statement.query(rs -> {
			YearMonth month = YearMonth.from(rs.getDate(1).toLocalDate());
			List<Object> key = java.util.Arrays.asList(month, rs.getString(2), rs.getString(3).trim());
			rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new RevenueCohorts.Cell(rs.getInt(4), rs.getInt(5), rs.getLong(6)));
		});
		List<Cohort> cohorts = new ArrayList<>();
		rows.forEach((key, cells) -> cohorts.add(RevenueCohorts.cohort(key, cells, query)));
		return cohorts;
	}

	private static void sortInMemory(JdbcClient jdbc) {
		jdbc.sql("select set_config('work_mem', '64MB', true)").query().listOfRows();
	}

}
