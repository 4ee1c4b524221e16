package io.kizuna.onboarding;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes of each account's milestones. */
@Repository
class Progress {

	record Assignment(long accountId, String externalId, String planKey, LocalDate startedOn) {
	}

	record Done(LocalDate completedOn, String source) {
	}

	private final JdbcClient jdbc;

	Progress(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Assignment> assignment(WorkspaceId workspace, long accountId) {
		return jdbc.sql("""
				select oa.account_id, a.external_id, oa.plan_key, oa.started_on from onboarding_account oa
				join accounts_v_account a on a.workspace_id = oa.workspace_id and a.account_id = oa.account_id
				where oa.workspace_id = ? and oa.account_id = ?""")
			.params(workspace.value(), accountId)
			.query((rs, row) -> new Assignment(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getDate(4).toLocalDate()))
			.optional();
	}

	Optional<Long> accountId(WorkspaceId workspace, String externalId) {
		return jdbc.sql("select account_id from accounts_v_account where workspace_id = ? and external_id = ?")
			.params(workspace.value(), externalId)
			.query(Long.class)
			.optional();
	}

	Map<String, Done> done(WorkspaceId workspace, long accountId) {
		Map<String, Done> done = new HashMap<>();
		jdbc.sql("select milestone_key, completed_on, source from onboarding_progress where workspace_id = ? and account_id = ?")
			.params(workspace.value(), accountId)
			.query(rs -> {
				done.put(rs.getString(1), new Done(rs.getDate(2).toLocalDate(), rs.getString(3)));
			});
		return done;
	}

	/** Records a milestone as reached unless it already is; answers whether it was new. */
	boolean mark(WorkspaceId workspace, long accountId, String milestoneKey, LocalDate on, String source, Long by) {
		return jdbc.sql("""
				insert into onboarding_progress (workspace_id, account_id, milestone_key, completed_on, source, completed_by)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(workspace.value(), accountId, milestoneKey, on, source, by)
			.update() > 0;
	}

	/** Takes back a milestone marked by hand (an automatic one stays: the usage shows it). */
	boolean unmark(WorkspaceId workspace, long accountId, String milestoneKey) {
		return jdbc.sql("""
				delete from onboarding_progress where workspace_id = ? and account_id = ? and milestone_key = ?
				and source <> 'auto'""")
			.params(workspace.value(), accountId, milestoneKey)
			.update() > 0;
	}

	List<OnboardingCohort> cohorts(WorkspaceId workspace, LocalDate since) {
		return jdbc.sql("""
				select to_char(date_trunc('month', oa.started_on), 'YYYY-MM') as month, oa.plan_key, count(*) as accounts,
				       count(oa.completed_on) as completed, count(oa.first_value_on) as reached,
				       percentile_cont(0.5) within group (order by oa.first_value_on - oa.started_on)
				           filter (where oa.first_value_on is not null) as median_days
				from onboarding_account oa
				where oa.workspace_id = ? and oa.started_on >= ?
				group by 1, 2 order by 1, 2""")
			.params(workspace.value(), since)
			.query((rs, row) -> {
				long accounts = rs.getLong(3);
				double median = rs.getDouble(6);
				return new OnboardingCohort(rs.getString(1), rs.getString(2), null, accounts, rs.getLong(4),
						rs.getLong(5), accounts == 0 ? null : (double) rs.getLong(4) / accounts,
						rs.wasNull() ? null : median);
			})
			.list();
	}

	/** For the signal: per account with a plan, its milestones overdue as of the day and whether first value is one. */
	record Stalled(long accountId, String planKey, LocalDate startedOn, int overdue, boolean firstValueOverdue,
			LocalDate oldestDue) {
	}

	List<Stalled> overdueAsOf(WorkspaceId workspace, LocalDate asOf) {
		return jdbc.sql("""
				select account_id, min(plan_key), min(started_on),
				       count(*) filter (where due_on < :asOf and due_on >= cast(:asOf as date) - 90
				                        and (completed_on is null or completed_on >= :asOf)),
				       bool_or(first_value and due_on < :asOf and (completed_on is null or completed_on >= :asOf)),
				       min(due_on) filter (where due_on < :asOf and (completed_on is null or completed_on >= :asOf))
				from onboarding_v_milestone where workspace_id = :ws and started_on <= :asOf group by account_id""")
			.param("ws", workspace.value())
			.param("asOf", asOf)
			.query((rs, row) -> new Stalled(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4),
					rs.getBoolean(5), rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate()))
			.list();
	}


	Map<Long, String> planKeys(WorkspaceId workspace) {
		Map<Long, String> keys = new HashMap<>();
		jdbc.sql("select account_id, plan_key from onboarding_account where workspace_id = ?")
			.param(workspace.value())
			.query(rs -> {
				keys.put(rs.getLong(1), rs.getString(2));
			});
		return keys;
	}
}
