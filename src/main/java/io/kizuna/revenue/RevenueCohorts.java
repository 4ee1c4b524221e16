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

/**
 * Cohort retention matrices by signup month, set-based over the subscription history. An account's MRR at a month
 * end is defined as in {@link MrrMovements}; its signup month is its first month end with MRR, so a cohort's month-0
 * MRR is that month's "new" MRR. Retained at month k means MRR at the end of month k: an account that left and came
 * back counts again (a win-back), and revenue retention exceeds 100 % when expansion outweighs churn.
 */
@Service
public class RevenueCohorts {

	// Each state of a subscription covers the month ends from the day it took effect until the next state: expanding
	// those spans once is far cheaper than looking the state up again for every month end.
	private static final String MONTHS = """
			with spans as (
			    select c.account_id, c.currency, c.plan, c.mrr_minor, c.status,
			           date_trunc('month', c.effective_on)::timestamp as first_month,
			           date_trunc('month', lead(c.effective_on) over w)::timestamp - interval '1 month' as last_month
			    from subscription_change c
			    where c.workspace_id = :ws and c.effective_on <= :toEnd
			    window w as (partition by c.subscription_id order by c.effective_on, c.change_id)),
			account_months as (
			    select s.account_id, s.currency, m::date as month, sum(s.mrr_minor) as mrr,
			           (array_agg(s.plan order by s.mrr_minor desc, s.plan))[1] as plan
			    from spans s
			    cross join lateral generate_series(s.first_month, least(coalesce(s.last_month, :to), :to), interval '1 month') m
			    where s.status in ('active', 'past_due') and s.mrr_minor > 0
			    group by 1, 2, 3),
			cohorts as (
			    select * from (
			        select distinct on (account_id, currency) account_id, currency, month as cohort, plan
			        from account_months order by account_id, currency, month) f
			    where cohort between :from and :to)
			""";

	private final JdbcClient jdbc;

	RevenueCohorts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

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
		var statement = jdbc.sql(MONTHS + """
				select co.cohort, %s as segment, co.currency,
				       ((extract(year from am.month) - extract(year from co.cohort)) * 12
				        + extract(month from am.month) - extract(month from co.cohort))::int as k,
				       count(*), sum(am.mrr)
				from cohorts co
				join account_months am on am.account_id = co.account_id and am.currency = co.currency
				%s
				group by 1, 2, 3, 4
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

	private static Cohort cohort(List<Object> key, List<Cell> cells, CohortQuery query) {
		YearMonth month = (YearMonth) key.get(0);
		Cell first = cells.get(0);
		int last = (int) month.until(query.to(), ChronoUnit.MONTHS);
		Cell[] byK = new Cell[last + 1];
		cells.forEach(c -> byK[c.k()] = c);
		List<Cohort.Period> periods = new ArrayList<>();
		for (int k = 0; k <= last; k++) {
			Cell cell = Objects.requireNonNullElse(byK[k], new Cell(k, 0, 0));
			double retention = query.measure() == CohortQuery.Measure.LOGO ? (double) cell.accounts() / first.accounts()
					: (double) cell.mrr() / first.mrr();
			periods.add(new Cohort.Period(k, cell.accounts(), cell.mrr(), retention));
		}
		return new Cohort(month, (String) key.get(1), (String) key.get(2), first.accounts(), first.mrr(), periods);
	}

	private record Cell(int k, int accounts, long mrr) {
	}
}
