package io.kizuna.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Daily rollups per account, recomputed from the raw events for whole (account, day) keys so that recomputing is
 * always idempotent. Days are cut in the workspace time zone; an event counts for activity when it is a track,
 * page or screen call, and its user is the userId, else the user an anonymousId was aliased to, else the
 * anonymousId. A session is a user's run of events with gaps under 30 minutes.
 */
@Repository
class Rollups {

	private static final String DELETE = """
			delete from %s u using unnest(:accounts::bigint[], :days::text[]) as k(a, d)
			where u.workspace_id = :ws and u.account_id = k.a and u.day = k.d::date""";

	/** One scan of the keys' events feeds all three rollup tables. */
	private static final String INSERT = """
			with keys as (select a as account_id, d::date as day from unnest(:accounts::bigint[], :days::text[]) as k(a, d)),
			activity as materialized (
			    select k.account_id, k.day, e.type, e.event_name, e.occurred_at,
			           coalesce(e.user_id, al.user_id, e.anonymous_id) as actor
			    from keys k
			    -- lateral with offset 0 (an optimisation fence): one index range scan per (account, day); flattened,
			    -- the planner hash-joins every event of the workspace instead
			    cross join lateral (
			        select type, event_name, occurred_at, user_id, anonymous_id from event
			        where workspace_id = :ws and account_id = k.account_id
			          and occurred_at >= (k.day::timestamp at time zone :tz)
			          and occurred_at < ((k.day + 1)::timestamp at time zone :tz)
			          and type in ('track', 'page', 'screen')
			        offset 0) e
			    left join identity_alias al on e.user_id is null and al.workspace_id = :ws
			     and al.previous_id = e.anonymous_id),
			daily as (
			    insert into usage_daily (workspace_id, account_id, day, events, active_users, sessions)
			    select :ws, account_id, day, count(*), count(distinct actor),
			           count(*) filter (where gap is null or gap > interval '30 minutes')
			    from (select account_id, day, actor,
			                 occurred_at - lag(occurred_at) over (partition by account_id, day, actor order by occurred_at) as gap
			          from activity) a
			    group by account_id, day),
			users as (
			    insert into usage_daily_user (workspace_id, account_id, day, user_id, events)
			    select :ws, account_id, day, actor, count(*) from activity group by account_id, day, actor)
			insert into usage_daily_event (workspace_id, account_id, day, event_name, events, users)
			select :ws, account_id, day,
			       case type when 'track' then event_name when 'page' then '$page' else '$screen' end as name,
			       count(*), count(distinct actor)
			from activity group by account_id, day, name""";

	private final JdbcClient jdbc;

	Rollups(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean hasPendingDays(WorkspaceId workspace) {
		return jdbc.sql("select exists (select 1 from rollup_pending where workspace_id = ?)")
			.param(workspace.value())
			.query(Boolean.class)
			.single();
	}

	List<WorkspaceId> workspacesWithPendingDays() {
		return jdbc.sql("select distinct workspace_id from rollup_pending")
			.query((rs, row) -> new WorkspaceId(rs.getLong(1)))
			.list();
	}

	/**
	 * Takes up to {@code limit} pending keys; other nodes skip the ones this transaction holds. They are taken in the
	 * primary key's order, so each claim reads the first keys of the index: in (day, account) order every claim
	 * sorted the whole queue, which made a backlog of millions of keys (a large import) quadratic.
	 */
	List<EventStore.AccountDay> claimPending(WorkspaceId workspace, int limit) {
		return jdbc.sql("""
				delete from rollup_pending where (workspace_id, account_id, day) in (
				    select workspace_id, account_id, day from rollup_pending where workspace_id = ?
				    order by account_id, day limit ? for update skip locked)
				returning account_id, day""")
			.params(workspace.value(), limit)
			.query((rs, row) -> new EventStore.AccountDay(rs.getLong(1), rs.getDate(2).toLocalDate()))
			.list();
	}

	/** Replaces the rollups of the keys; deletes run as statements of their own so the inserts see them. */
	void recompute(WorkspaceId workspace, String timeZone, List<EventStore.AccountDay> keys) {
		if (keys.isEmpty()) {
			return;
		}
		long[] accounts = new long[keys.size()];
		String[] days = new String[keys.size()];
		for (int i = 0; i < keys.size(); i++) {
			accounts[i] = keys.get(i).accountId();
			days[i] = keys.get(i).day().toString();
		}
		for (String statement : List.of(DELETE.formatted("usage_daily"), DELETE.formatted("usage_daily_user"),
				DELETE.formatted("usage_daily_event"), INSERT)) {
			var spec = jdbc.sql(statement).param("ws", workspace.value()).param("accounts", accounts).param("days", days);
			if (statement.contains(":tz")) {
				spec = spec.param("tz", timeZone);
			}
			spec.update();
		}
	}

	/** Queues every account-day between the dates that has events or rollups, for a full recomputation. */
	int queueRange(WorkspaceId workspace, String timeZone, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				insert into rollup_pending (workspace_id, account_id, day)
				select distinct :ws, account_id, (occurred_at at time zone :tz)::date from event
				where workspace_id = :ws and account_id is not null
				  and occurred_at >= (cast(:from as date)::timestamp at time zone :tz)
				  and occurred_at < ((cast(:to as date) + 1)::timestamp at time zone :tz)
				union
				select :ws, account_id, day from usage_daily where workspace_id = :ws and day between :from and :to
				on conflict do nothing""")
			.param("ws", workspace.value())
			.param("tz", timeZone)
			.param("from", from)
			.param("to", to)
			.update();
	}

	static List<List<EventStore.AccountDay>> chunks(List<EventStore.AccountDay> keys, int size) {
		List<List<EventStore.AccountDay>> chunks = new ArrayList<>();
		for (int i = 0; i < keys.size(); i += size) {
			chunks.add(keys.subList(i, Math.min(keys.size(), i + size)));
		}
		return chunks;
	}
}
