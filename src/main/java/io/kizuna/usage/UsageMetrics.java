package io.kizuna.usage;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read API over the rollups: per-account usage summaries as of a day, for the whole workspace. The three
 * aggregations run at once on their own connections (the machine's cores work in parallel) with enough
 * work_mem to aggregate in memory.
 */
@Service
public class UsageMetrics {

	private static final String DAILY = """
			select account_id, max(day), min(day),
			       coalesce(sum(events) filter (where day >= cast(:asOf as date) - 28), 0),
			       coalesce(sum(events) filter (where day >= cast(:asOf as date) - 56 and day < cast(:asOf as date) - 28), 0),
			       coalesce(sum(events) filter (where day >= cast(:asOf as date) - 14), 0),
			       coalesce(sum(events) filter (where day >= cast(:asOf as date) - 28 and day < cast(:asOf as date) - 14), 0)
			from usage_daily
			where workspace_id = :ws and day < cast(:asOf as date) and day >= cast(:asOf as date) - 365 and events > 0
			group by account_id""";

	/** Users active in 30 days, their active days, and the champion: the user with most events in 90 days. */
	private static final String USERS = """
			with per_user as (
			    select account_id, user_id, sum(events) as total, max(day) as last_day,
			           count(*) filter (where day >= cast(:asOf as date) - 30) as days30
			    from usage_daily_user
			    where workspace_id = :ws and day < cast(:asOf as date) and day >= cast(:asOf as date) - 90
			    group by account_id, user_id),
			ranked as (
			    select account_id, user_id, last_day, days30,
			           row_number() over (partition by account_id order by total desc, user_id) as rank
			    from per_user)
			select account_id, count(*) filter (where days30 > 0), coalesce(sum(days30), 0),
			       min(user_id) filter (where rank = 1), min(last_day) filter (where rank = 1)
			from ranked group by account_id""";

	private static final String FEATURES = """
			select account_id, count(*) filter (where last_day >= cast(:asOf as date) - 30), count(*)
			from (select account_id, event_name, max(day) as last_day
			      from usage_daily_event
			      where workspace_id = :ws and day < cast(:asOf as date) and event_name = any(:features)
			      group by account_id, event_name) used
			group by account_id""";

	private final JdbcClient jdbc;

	private final TransactionTemplate readOnly;

	private final ExecutorService pool = Executors.newFixedThreadPool(3, runnable -> {
		Thread thread = new Thread(runnable, "usage-metrics");
		thread.setDaemon(true);
		return thread;
	});

	UsageMetrics(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Accounts without any activity in the last year are absent: use {@link AccountUsage#none}. */
	public Map<Long, AccountUsage> asOf(WorkspaceId workspace, LocalDate asOf, Collection<String> keyFeatures) {
		Map<Long, long[]> daily = new HashMap<>();
		Map<Long, LocalDate[]> days = new HashMap<>();
		Map<Long, Object[]> users = new HashMap<>();
		Map<Long, int[]> features = new HashMap<>();
		String[] featureNames = keyFeatures.toArray(String[]::new);
		CompletableFuture.allOf(
				run(workspace, asOf, featureNames, DAILY, rs -> {
					long account = rs.getLong(1);
					days.put(account, new LocalDate[] { day(rs.getDate(2)), day(rs.getDate(3)) });
					daily.put(account, new long[] { rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7) });
				}),
				run(workspace, asOf, featureNames, USERS, rs -> users.put(rs.getLong(1),
						new Object[] { rs.getInt(2), rs.getInt(3), rs.getString(4), day(rs.getDate(5)) })),
				run(workspace, asOf, featureNames, FEATURES,
						rs -> features.put(rs.getLong(1), new int[] { rs.getInt(2), rs.getInt(3) })))
			.join();
		Map<Long, AccountUsage> usage = new HashMap<>(daily.size() * 2);
		daily.forEach((account, counts) -> {
			LocalDate[] range = days.get(account);
			Object[] user = users.getOrDefault(account, new Object[] { 0, 0, null, null });
			int[] feature = features.getOrDefault(account, new int[] { 0, 0 });
			usage.put(account, new AccountUsage(account, range[0], range[1], counts[0], counts[1], counts[2], counts[3],
					(Integer) user[0], (Integer) user[1], feature[0], feature[1], (String) user[2], (LocalDate) user[3]));
		});
		return usage;
	}

	/** An account's daily events and active users between two days (inclusive), days without activity left out. */
	public java.util.List<DailyUsage> daily(WorkspaceId workspace, long accountId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select day, events, active_users from usage_daily
				where workspace_id = ? and account_id = ? and day between ? and ? order by day""")
			.params(workspace.value(), accountId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, row) -> new DailyUsage(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getInt(3)))
			.list();
	}

	/** Events per event name for an account between two days, most used first. */
	public Map<String, Long> eventCounts(WorkspaceId workspace, long accountId, LocalDate from, LocalDate to) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				select event_name, sum(events) from usage_daily_event
				where workspace_id = ? and account_id = ? and day between ? and ?
				group by event_name order by sum(events) desc, event_name limit 20""")
			.params(workspace.value(), accountId, Date.valueOf(from), Date.valueOf(to))
			.query(rs -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

	private CompletableFuture<Void> run(WorkspaceId workspace, LocalDate asOf, String[] features, String sql,
			ThrowingRow row) {
		return CompletableFuture.runAsync(() -> readOnly.executeWithoutResult(status -> {
			// The three queries already keep the cores busy; parallel workers on top only add contention.
			jdbc.sql("select set_config('work_mem', '256MB', true), set_config('max_parallel_workers_per_gather', '0', true)")
				.query()
				.listOfRows();
			var spec = jdbc.sql(sql).param("ws", workspace.value()).param("asOf", Date.valueOf(asOf));
			if (sql.contains(":features")) {
				spec = spec.param("features", features);
			}
			// Each task fills its own map; join() publishes them to the caller.
			spec.query((RowCallbackHandler) row::accept);
		}), pool);
	}

	@FunctionalInterface
	private interface ThrowingRow {

		void accept(java.sql.ResultSet rs) throws java.sql.SQLException;
	}

	private static LocalDate day(Date date) {
		return date == null ? null : date.toLocalDate();
	}
}
