package io.kizuna.ltv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Subscription lifetimes in monthly billing periods, from the subscription history (the accounts module's published
 * read model, see ADR 0009). A lifetime starts at the first paid state (active or past due, MRR above zero) and ends
 * at the first cancellation after it; its plan is the plan it started on. A subscription that ended during its t-th
 * month lived t periods; one still live has survived the whole months since its start and is censored there.
 * Win-backs after a cancellation are not a second lifetime.
 */
@Repository
class PlanLifetimes {

	private final JdbcClient jdbc;

	PlanLifetimes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @param live, mrrMinor, currency the subscription's state today */
	record Lifetime(long subscriptionId, String plan, LocalDate started, LocalDate ended, boolean live, long mrrMinor,
			String currency) {

		/** Periods lived when ended (at least one), else whole periods survived so far. */
		int periods(LocalDate today) {
			if (ended != null && !ended.isAfter(today)) {
				long whole = ChronoUnit.MONTHS.between(started, ended);
				return (int) Math.max(1, started.plusMonths(whole).isBefore(ended) ? whole + 1 : whole);
			}
			return (int) ChronoUnit.MONTHS.between(started, today);
		}

		boolean endedBy(LocalDate today) {
			return ended != null && !ended.isAfter(today);
		}
	}

	List<Lifetime> lifetimes(WorkspaceId workspace, LocalDate today) {
		List<Lifetime> lifetimes = new ArrayList<>();
		jdbc.sql("""
				with paid as (
				    select subscription_id, min(effective_on) as started from accounts_v_subscription_change
				    where workspace_id = :ws and status in ('active', 'past_due') and mrr_minor > 0
				    group by subscription_id),
				first_plan as (
				    select distinct on (c.subscription_id) c.subscription_id, c.plan
				    from accounts_v_subscription_change c join paid p on p.subscription_id = c.subscription_id
				    where c.workspace_id = :ws and c.effective_on = p.started and c.status in ('active', 'past_due')
				      and c.mrr_minor > 0
				    order by c.subscription_id, c.change_id),
				ended as (
				    select c.subscription_id, min(c.effective_on) as ended
				    from accounts_v_subscription_change c join paid p on p.subscription_id = c.subscription_id
				    where c.workspace_id = :ws and c.status = 'canceled' and c.effective_on >= p.started
				    group by c.subscription_id),
				now as (
				    select distinct on (c.subscription_id) c.subscription_id, c.status, c.mrr_minor, c.currency
				    from accounts_v_subscription_change c join paid p on p.subscription_id = c.subscription_id
				    where c.workspace_id = :ws and c.effective_on <= :today
				    order by c.subscription_id, c.effective_on desc, c.change_id desc)
				select p.subscription_id, f.plan, p.started, e.ended, n.status in ('active', 'past_due'), n.mrr_minor,
				       n.currency
				from paid p join first_plan f using (subscription_id) left join ended e using (subscription_id)
				join now n using (subscription_id)
				where p.started <= :today""")
			.param("ws", workspace.value())
			.param("today", java.sql.Date.valueOf(today))
			.query(rs -> {
				lifetimes.add(new Lifetime(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
						rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getBoolean(5), rs.getLong(6),
						rs.getString(7).trim()));
			});
		return lifetimes;
	}
}
