package io.kizuna.revenue;

import java.sql.Date;
import java.time.YearMonth;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

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

	public List<MrrMonth> monthly(WorkspaceId workspace, YearMonth from, YearMonth to) {
		if (from.isAfter(to) || from.plusYears(10).isBefore(to)) {
			throw new InvalidInputException("months: from ≤ to, at most ten years");
		}
		return jdbc.sql("""
				with months as (
				    select m::date as month, (m + interval '1 month' - interval '1 day')::date as month_end
				    from generate_series(cast(:from as date) - interval '1 month', cast(:to as date), interval '1 month') m),
				states as (
				    select m.month, s.account_id, s.currency,
				           sum(s.mrr_minor) filter (where s.status in ('active', 'past_due')) as mrr
				    from months m
				    cross join lateral (
				        select distinct on (c.subscription_id) c.account_id, c.currency, c.mrr_minor, c.status
				        from subscription_change c
				        where c.workspace_id = :ws and c.effective_on <= m.month_end
				        order by c.subscription_id, c.effective_on desc, c.change_id desc) s
				    group by m.month, s.account_id, s.currency),
				first_paid as (
				    select c.account_id, c.currency, min(c.effective_on) as first_day from subscription_change c
				    where c.workspace_id = :ws and c.status in ('active', 'past_due') and c.mrr_minor > 0
				    group by c.account_id, c.currency),
				pairs as (
				    select m.month, a.account_id, a.currency,
				           coalesce(prev.mrr, 0) as opening, coalesce(cur.mrr, 0) as closing,
				           f.first_day
				    from months m
				    join (select distinct account_id, currency from states) a on true
				    left join states cur on cur.month = m.month and cur.account_id = a.account_id and cur.currency = a.currency
				    left join states prev on prev.month = (m.month - interval '1 month')::date
				         and prev.account_id = a.account_id and prev.currency = a.currency
				    left join first_paid f on f.account_id = a.account_id and f.currency = a.currency
				    where m.month >= cast(:from as date))
				select month, currency,
				       sum(opening),
				       sum(closing) filter (where opening = 0 and closing > 0 and first_day > (month - interval '1 day')::date),
				       sum(closing - opening) filter (where opening > 0 and closing > opening),
				       sum(closing) filter (where opening = 0 and closing > 0 and first_day <= (month - interval '1 day')::date),
				       sum(opening - closing) filter (where opening > 0 and closing > 0 and closing < opening),
				       sum(opening) filter (where opening > 0 and closing = 0),
				       sum(closing),
				       count(*) filter (where opening > 0),
				       count(*) filter (where opening > 0 and closing = 0)
				from pairs
				group by month, currency
				having sum(opening) > 0 or sum(closing) > 0
				order by month, currency""")
			.param("ws", workspace.value())
			.param("from", Date.valueOf(from.atDay(1)))
			.param("to", Date.valueOf(to.atDay(1)))
			.query((rs, row) -> new MrrMonth(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getString(2).trim(),
					rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
					rs.getLong(9), rs.getInt(10), rs.getInt(11)))
			.list();
	}
}
