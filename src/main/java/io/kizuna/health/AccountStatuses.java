package io.kizuna.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.kizuna.accounts.AccountState;
import io.kizuna.shared.PostgresCopy;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.AccountUsage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each account's standing as of the latest scoring run (score, band, ARR, renewal, last activity, open signals): the
 * read model the accounts list, the worklist and the portfolio sort and sum on (ADR 0012).
 */
@Repository
class AccountStatuses {

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	AccountStatuses(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * The earliest start of any transaction still open, this one included, read before a scoring run loads its
	 * accounts. An account the run does not see was inserted by a transaction open then or begun later, and its
	 * {@code created_at} (that transaction's start) is no earlier: the accounts list looks for unscored accounts from
	 * here on, and nowhere else.
	 */
	java.time.OffsetDateTime horizon() {
		return jdbc.sql("""
				select least(now(), min(xact_start)) from pg_stat_activity
				where datname = current_database() and xact_start is not null""")
			.query(java.time.OffsetDateTime.class)
			.single();
	}

	/**
	 * Replaces the workspace's statuses, unless a later day was scored already (a rescore of the past).
	 *
	 * @param horizon {@link #horizon()} read before the run loaded its accounts
	 */
	void replace(WorkspaceId workspace, LocalDate day, ScoringInput input, Map<Long, AccountScore> scores,
			List<DetectedSignal> detected, java.time.OffsetDateTime horizon) {
		LocalDate latest = jdbc.sql("select max(day) from health_account_status where workspace_id = ?")
			.param(workspace.value())
			.query(LocalDate.class)
			.optional()
			.orElse(null);
		if (latest != null && latest.isAfter(day)) {
			return;
		}
		Map<Long, List<String>> kinds = new HashMap<>();
		detected.forEach(s -> kinds.computeIfAbsent(s.accountId(), id -> new ArrayList<>()).add(s.kind().code()));
		jdbc.sql("delete from health_account_status where workspace_id = ?").param(workspace.value()).update();
		jdbc.sql("""
				insert into health_status_run (workspace_id, day, started_at) values (?, ?, ?)
				on conflict (workspace_id) do update set day = excluded.day, started_at = excluded.started_at""")
			.params(workspace.value(), Date.valueOf(day), horizon)
			.update();
		PostgresCopy.copy(dataSource, """
				copy health_account_status (workspace_id, account_id, day, score, band, live, arr_minor, currency,
				                            next_renewal_on, last_active_on, revenue_at_risk_minor, signal_kinds)
				from stdin with (format csv)""", input.states().size(), rows -> {
			for (AccountState state : input.states().values()) {
				AccountScore score = scores.get(state.accountId());
				Double value = score == null ? null : score.score();
				AccountUsage usage = input.usage().get(state.accountId());
				long arr = state.mrrMinor() * 12;
				rows.add(workspace.value(), state.accountId(), Date.valueOf(day),
						value == null ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP),
						score == null || score.band() == null ? null : score.band().code(), state.live(), arr, state.currency(), state.nextRenewalOn(),
						usage == null ? null : usage.lastActiveDay(), revenueAtRisk(arr, value),
						"{" + String.join(",", kinds.getOrDefault(state.accountId(), List.of())) + "}");
			}
		});
		// Fresh statistics for the list's plans; autovacuum would get there, but only after the first slow pages.
		jdbc.sql("analyze health_account_status").update();
	}

	/** ARR × (100 − score) / 100; an account without a score counts half. */
	static long revenueAtRisk(long arrMinor, Double score) {
		double risk = score == null ? 0.5 : (100 - score) / 100;
		return Math.round(arrMinor * risk);
	}
}
