package io.kizuna.onboarding;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Set-based milestone completion over the rollups usage publishes (ADR 0081): each statement handles every account
 * of the workspace at once. Only milestones not yet reached are read (a reached one has a progress row and is never
 * evaluated again), and with a changed range only those whose counting window overlaps the days usage recomputed.
 * Days are the rollups' days, cut in the workspace time zone by usage.
 */
@Repository
class Evaluation {

	/** The plan of each account with a subscription: its subscription plan's, else its tier's, else the default. */
	private static final String ASSIGN = """
			with starts as (
			    select account_id, min(started_on) as started_on,
			           (array_agg(plan order by status = 'canceled', started_on, subscription_id))[1] as plan
			    from accounts_v_subscription where workspace_id = :ws and started_on is not null group by account_id),
			chosen as (
			    select a.account_id, st.started_on, coalesce(pp.plan_key, tp.plan_key, dp.plan_key) as plan_key
			    from accounts_v_account a
			    join starts st on st.account_id = a.account_id
			    left join onboarding_plan pp on pp.workspace_id = :ws and pp.scope = 'plan' and pp.scope_value = st.plan
			    left join onboarding_plan tp on tp.workspace_id = :ws and tp.scope = 'tier' and tp.scope_value = a.tier
			    left join onboarding_plan dp on dp.workspace_id = :ws and dp.scope = 'default'
			    where a.workspace_id = :ws),
			gone as (
			    delete from onboarding_account oa where oa.workspace_id = :ws
			    and not exists (select 1 from chosen c where c.account_id = oa.account_id and c.plan_key is not null))
			insert into onboarding_account (workspace_id, account_id, plan_key, started_on)
			select :ws, account_id, plan_key, started_on from chosen where plan_key is not null
			on conflict (workspace_id, account_id) do update set plan_key = excluded.plan_key,
			    started_on = excluded.started_on
			where (onboarding_account.plan_key, onboarding_account.started_on)
			      is distinct from (excluded.plan_key, excluded.started_on)""";

	/**
	 * Open automatic milestones, then the first day each was reached: for an event, the day its running count within
	 * the window reaches the target; for active users, the day the number of distinct users seen so far does; for the
	 * users of one event, the day the number of distinct users who triggered it so far does (ADR 0140).
	 */
	private static final String COMPLETE = """
			with open as materialized (
			    select oa.account_id, oa.plan_key, oa.started_on, m.milestone_key, m.kind, m.event_name, m.min_count,
			           m.within_days, m.first_value
			    from onboarding_account oa
			    join onboarding_milestone m on m.workspace_id = oa.workspace_id and m.plan_key = oa.plan_key
			    where oa.workspace_id = :ws and oa.completed_on is null and m.kind <> 'manual'
			      and oa.started_on <= cast(:to as date)
			      and oa.started_on + m.within_days > cast(:from as date)
			      and not exists (select 1 from onboarding_progress p where p.workspace_id = :ws
			                      and p.account_id = oa.account_id and p.milestone_key = m.milestone_key)),
			by_events as (
			    select account_id, milestone_key, min(day) as reached_on from (
			        select o.account_id, o.milestone_key, o.min_count, d.day,
			               sum(d.events) over (partition by o.account_id, o.milestone_key order by d.day) as running
			        from open o
			        join usage_v_daily_event d on d.workspace_id = :ws and d.account_id = o.account_id
			             and d.day >= o.started_on and d.day < o.started_on + o.within_days and d.event_name = o.event_name
			        where o.kind = 'event_count') r
			    where running >= min_count group by account_id, milestone_key),
			by_users as (
			    select account_id, milestone_key, min(first_day) as reached_on from (
			        select account_id, milestone_key, min_count, first_day,
			               count(*) over (partition by account_id, milestone_key order by first_day) as users
			        from (select o.account_id, o.milestone_key, o.min_count, u.user_id, min(u.day) as first_day
			              from open o
			              join usage_v_daily_user u on u.workspace_id = :ws and u.account_id = o.account_id
			                   and u.day >= o.started_on and u.day < o.started_on + o.within_days
			              where o.kind = 'active_users'
			              group by o.account_id, o.milestone_key, o.min_count, u.user_id) f) r
			    where users >= min_count group by account_id, milestone_key),
			event_days as (
			    -- the days the event happened in the window; a milestone is read further only when the sum of the
			    -- daily distinct users reaches the target, as the distinct users over the window cannot exceed it
			    select * from (
			        select o.account_id, o.milestone_key, o.min_count, o.event_name, d.day,
			               sum(d.users) over (partition by o.account_id, o.milestone_key) as user_days
			        from open o
			        join usage_v_daily_event d on d.workspace_id = :ws and d.account_id = o.account_id
			             and d.day >= o.started_on and d.day < o.started_on + o.within_days and d.event_name = o.event_name
			        where o.kind = 'event_users') c
			    where user_days >= min_count),
			by_event_users as (
			    select account_id, milestone_key, min(first_day) as reached_on from (
			        select account_id, milestone_key, min_count, first_day,
			               count(*) over (partition by account_id, milestone_key order by first_day) as users
			        from (select c.account_id, c.milestone_key, c.min_count, a.actor, min(c.day) as first_day
			              from event_days c
			              cross join lateral usage_event_actors(:ws, :tz, c.account_id, c.event_name, c.day) a
			              group by c.account_id, c.milestone_key, c.min_count, a.actor) f) r
			    where users >= min_count group by account_id, milestone_key),
			reached as (select * from by_events union all select * from by_users union all select * from by_event_users)
			insert into onboarding_progress (workspace_id, account_id, milestone_key, completed_on, source)
			select :ws, account_id, milestone_key, reached_on, 'auto' from reached
			on conflict do nothing
			returning account_id, milestone_key, completed_on""";

	/** Each account's first-value and completion days from its milestones (only rows that change are written). */
	private static final String SUMMARISE = """
			update onboarding_account oa set first_value_on = x.first_value_on, completed_on = x.completed_on
			from (select account_id, max(completed_on) filter (where first_value) as first_value_on,
			             case when count(*) = count(completed_on) then max(completed_on) end as completed_on
			      from onboarding_v_milestone where workspace_id = :ws %s group by account_id) x
			where oa.workspace_id = :ws and oa.account_id = x.account_id
			  and (oa.first_value_on, oa.completed_on) is distinct from (x.first_value_on, x.completed_on)""";

	/** Milestones past due and not reached, announced once, if they fell due in the last 30 days. */
	private static final String OVERDUE = """
			insert into onboarding_overdue (workspace_id, account_id, milestone_key, due_on)
			select :ws, v.account_id, v.milestone_key, v.due_on from onboarding_v_milestone v
			join onboarding_account oa on oa.workspace_id = v.workspace_id and oa.account_id = v.account_id
			where v.workspace_id = :ws and oa.completed_on is null and v.completed_on is null
			  and v.due_on < cast(:today as date) and v.due_on >= cast(:today as date) - 30
			on conflict do nothing
			returning account_id, milestone_key, due_on""";

	record Reached(long accountId, String milestoneKey, LocalDate on) {
	}

	private final JdbcClient jdbc;

	Evaluation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int assign(WorkspaceId workspace) {
		return jdbc.sql(ASSIGN).param("ws", workspace.value()).update();
	}

	/** @param timeZone the workspace's, which cuts the days of the events read for the users of one event */
	List<Reached> complete(WorkspaceId workspace, String timeZone, LocalDate from, LocalDate to) {
		return jdbc.sql(COMPLETE)
			.param("ws", workspace.value())
			.param("tz", timeZone)
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> new Reached(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate()))
			.list();
	}

	void summarise(WorkspaceId workspace, long[] accounts) {
		if (accounts == null) {
			jdbc.sql(SUMMARISE.formatted("")).param("ws", workspace.value()).update();
		}
		else if (accounts.length > 0) {
			jdbc.sql(SUMMARISE.formatted("and account_id = any(:accounts)"))
				.param("ws", workspace.value())
				.param("accounts", accounts)
				.update();
		}
	}

	List<Reached> overdue(WorkspaceId workspace, LocalDate today) {
		return jdbc.sql(OVERDUE)
			.param("ws", workspace.value())
			.param("today", today)
			.query((rs, row) -> new Reached(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate()))
			.list();
	}

	/** Merges a range of recomputed rollup days into the workspace's pending range. */
	void queue(WorkspaceId workspace, LocalDate from, LocalDate to) {
		jdbc.sql("""
				insert into onboarding_pending (workspace_id, from_day, to_day) values (?, ?, ?)
				on conflict (workspace_id) do update set from_day = least(onboarding_pending.from_day, excluded.from_day),
				    to_day = greatest(onboarding_pending.to_day, excluded.to_day)""")
			.params(workspace.value(), from, to)
			.update();
	}

	record Pending(WorkspaceId workspace, LocalDate from, LocalDate to) {
	}

	/** Takes every workspace's pending range (other nodes skip what this transaction holds). */
	List<Pending> claimPending() {
		return jdbc.sql("""
				delete from onboarding_pending where workspace_id in (
				    select workspace_id from onboarding_pending for update skip locked)
				returning workspace_id, from_day, to_day""")
			.query((rs, row) -> new Pending(new WorkspaceId(rs.getLong(1)), rs.getDate(2).toLocalDate(),
					rs.getDate(3).toLocalDate()))
			.list();
	}
}
