package io.kizuna.revenue;

import java.sql.Date;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cohort retention matrices by signup month, set-based over the subscription history. An account's MRR at a month
 * end is defined as in {@link MrrMovements}; its signup month is its first month end with MRR (an account that paid
 * only within an earlier month, never at its end, joins the cohort of its first month end with MRR). Retained at month k means MRR at the end of month k: an account that left and came
 * back counts again (a win-back), and revenue retention exceeds 100 % when expansion outweighs churn.
 */
@Service
public class RevenueCohorts {

	// Each live state of a subscription covers a run of month ends: from the month it took effect to the month before
	// the next state took effect. The matrix is built from where those runs start and stop (+1 / −1, +MRR / −MRR at
	// month k) and summed over k, so the work grows with the number of changes, not with accounts × months.
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

	private final JdbcClient jdbc;

	RevenueCohorts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<Cohort> matrix(WorkspaceId workspace, CohortQuery query) {
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
		Map<List<Object>, List<Cell>> rows = new LinkedHashMap<>();
		statement.query(rs -> {
			YearMonth month = YearMonth.from(rs.getDate(1).toLocalDate());
			List<Object> key = java.util.Arrays.asList(month, rs.getString(2), rs.getString(3).trim());
			rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new Cell(rs.getInt(4), rs.getInt(5), rs.getLong(6)));
		});
		List<Cohort> cohorts = new ArrayList<>();
		rows.forEach((key, cells) -> cohorts.add(cohort(key, cells, query)));
		return cohorts;
	}

	/** The sorts over a workspace's history fit in 64 MB; the default 4 MB would spill them to disk. */
	static void sortInMemory(JdbcClient jdbc) {
		jdbc.sql("select set_config('work_mem', '64MB', true)").query().listOfRows();
	}

	private static Cohort cohort(List<Object> key, List<Cell> cells, CohortQuery query) {
		YearMonth month = (YearMonth) key.get(0);
		Cell first = cells.get(0);
		int last = (int) month.until(query.to(), ChronoUnit.MONTHS);
		// Running totals arrive only for the months where something changed: carry them forward.
		Cell[] byK = new Cell[last + 1];
		cells.forEach(c -> byK[c.k()] = c);
		List<Cohort.Period> periods = new ArrayList<>();
		Cell cell = first;
		for (int k = 0; k <= last; k++) {
			cell = Objects.requireNonNullElse(byK[k], cell);
			double retention = query.measure() == CohortQuery.Measure.LOGO ? (double) cell.accounts() / first.accounts()
					: (double) cell.mrr() / first.mrr();
			periods.add(new Cohort.Period(k, cell.accounts(), cell.mrr(), retention));
		}
		return new Cohort(month, (String) key.get(1), (String) key.get(2), first.accounts(), first.mrr(), periods);
	}

	private record Cell(int k, int accounts, long mrr) {
	}
}
