package io.kizuna.usage;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read API over the rollups: per-account usage summaries as of a day, for the whole workspace in one query. */
@Service
public class UsageMetrics {

	private final JdbcClient jdbc;

	UsageMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Accounts without any activity in the last year are absent: use {@link AccountUsage#none}. */
	public Map<Long, AccountUsage> asOf(WorkspaceId workspace, LocalDate asOf, Collection<String> keyFeatures) {
		Map<Long, AccountUsage> usage = new HashMap<>();
		jdbc.sql("""
				with d as (
				    select account_id, max(day) as last_active, min(day) as first_active,
				           coalesce(sum(events) filter (where day >= cast(:asOf as date) - 28), 0) as events28,
				           coalesce(sum(events) filter (where day >= cast(:asOf as date) - 56 and day < cast(:asOf as date) - 28), 0) as events_prev28,
				           coalesce(sum(events) filter (where day >= cast(:asOf as date) - 14), 0) as events14,
				           coalesce(sum(events) filter (where day >= cast(:asOf as date) - 28 and day < cast(:asOf as date) - 14), 0) as events_prev14
				    from usage_daily
				    where workspace_id = :ws and day < cast(:asOf as date) and day >= cast(:asOf as date) - 365 and events > 0
				    group by account_id),
				per_user as (
				    select account_id, user_id, sum(events) as total, max(day) as last_day,
				           count(*) filter (where day >= cast(:asOf as date) - 30) as days30
				    from usage_daily_user
				    where workspace_id = :ws and day < cast(:asOf as date) and day >= cast(:asOf as date) - 90
				    group by account_id, user_id),
				u as (
				    select account_id, count(*) filter (where days30 > 0) as users30, sum(days30) as user_days30
				    from per_user group by account_id),
				champion as (
				    select distinct on (account_id) account_id, user_id, last_day
				    from per_user order by account_id, total desc, user_id),
				f as (
				    select account_id,
				           count(distinct event_name) filter (where day >= cast(:asOf as date) - 30) as used30,
				           count(distinct event_name) as ever
				    from usage_daily_event
				    where workspace_id = :ws and day < cast(:asOf as date) and event_name = any(:features)
				    group by account_id)
				select d.account_id, d.last_active, d.first_active, d.events28, d.events_prev28, d.events14,
				       d.events_prev14, coalesce(u.users30, 0), coalesce(u.user_days30, 0), coalesce(f.used30, 0),
				       coalesce(f.ever, 0), c.user_id, c.last_day
				from d
				left join u on u.account_id = d.account_id
				left join champion c on c.account_id = d.account_id
				left join f on f.account_id = d.account_id""")
			.param("ws", workspace.value())
			.param("asOf", Date.valueOf(asOf))
			.param("features", keyFeatures.toArray(String[]::new))
			.query(rs -> {
				long account = rs.getLong(1);
				usage.put(account, new AccountUsage(account, day(rs.getDate(2)), day(rs.getDate(3)), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
						rs.getInt(11), rs.getString(12), day(rs.getDate(13))));
			});
		return usage;
	}

	private static LocalDate day(Date date) {
		return date == null ? null : date.toLocalDate();
	}
}
