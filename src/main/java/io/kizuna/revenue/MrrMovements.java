package io.kizuna.revenue;

import java.sql.Date;
import java.time.YearMonth;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * MRR movements by month, derived set-based from the subscription history. Definitions: an account's MRR at a
 * month's end is the sum of its subscriptions' MRR in the state in effect that day, when active or past due. New:
 * first MRR ever; reactivation: MRR again after a month end without; churn: MRR gone; expansion and contraction:
 * the change of MRR between two month ends that both had it. A cancellation and win-back within one month is
 * therefore visible only through its net effect at the month's end.
 */
@Service
public class MrrMovements {

	private final JdbcClient jdbc;

	MrrMovements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<MrrMonth> monthly(WorkspaceId workspace, YearMonth from, YearMonth to) {
		if (from.isAfter(to) || from.plusYears(10).isBefore(to)) {
			throw new InvalidInputException("months: from ≤ to, at most ten years");
		}
		// Built like the cohorts: each account's MRR changes only where a live run of month ends starts or stops, so the
		// movements come from those change points (their running sum is the account's MRR), not from every month end.
		RevenueCohorts.sortInMemory(jdbc);
		return jdbc.sql(RevenueCohorts.SPANS + """
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
}
