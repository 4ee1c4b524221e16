package io.kizuna.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountState;
import io.kizuna.accounts.Page;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read side of health: an account's explained score and the at-risk worklist. */
@Service
public class HealthQueries {

	private final AccountManagement accounts;

	private final Snapshots snapshots;

	private final Signals signals;

	private final HealthScoring scoring;

	private final MessageSource messages;

	private final JdbcClient jdbc;

	HealthQueries(AccountManagement accounts, Snapshots snapshots, Signals signals, HealthScoring scoring,
			MessageSource messages, JdbcClient jdbc) {
		this.accounts = accounts;
		this.snapshots = snapshots;
		this.signals = signals;
		this.scoring = scoring;
		this.messages = messages;
		this.jdbc = jdbc;
	}

	public AccountHealth accountHealth(WorkspaceId workspace, String externalId, Locale locale) {
		Account account = accounts.account(workspace, externalId);
		LocalDate today = scoring.today(workspace);
		List<Snapshots.Snapshot> history = snapshots.history(workspace, account.id(), today.minusDays(120), today);
		List<HealthSignal> open = signals.of(workspace, account.id(), externalId, true)
			.stream()
			.map(s -> new HealthSignal(s.id(), s.accountExternalId(), s.kind(), s.severity(), s.evidence(),
					s.detectedOn(), s.resolvedOn(), text(locale, "signal." + s.kind().code() + ".action")))
			.toList();
		List<AccountHealth.DayScore> days = history.stream()
			.map(s -> new AccountHealth.DayScore(s.day(), s.score(), s.band()))
			.toList();
		if (history.isEmpty()) {
			return new AccountHealth(externalId, null, null, null, null, null, List.of(),
					text(locale, "health.explain.none"), days, open);
		}
		Snapshots.Snapshot latest = history.get(history.size() - 1);
		Snapshots.Snapshot weekAgo = onOrBefore(history, latest.day().minusDays(7));
		Snapshots.Snapshot monthAgo = onOrBefore(history, latest.day().minusDays(30));
		List<AccountHealth.ExplainedMeasure> measures = latest.measures()
			.stream()
			.map(m -> new AccountHealth.ExplainedMeasure(m.measure(), text(locale, "measure." + m.measure()), m.raw(),
					m.score(), m.weight(), m.contribution()))
			.toList();
		return new AccountHealth(externalId, latest.day(), latest.score(), latest.band(), trend(latest, weekAgo),
				trend(latest, monthAgo), measures, Explanations.sinceLastWeek(latest, weekAgo, messages, locale), days,
				open);
	}

	/** Accounts per band on the latest scored day, and signals raised in the last seven days by kind. */
	public PortfolioHealth portfolio(WorkspaceId workspace) {
		Map<String, Integer> bands = new java.util.TreeMap<>();
		jdbc.sql("""
				select coalesce(band, 'none'), count(*) from health_snapshot
				where workspace_id = ? and day = (select max(day) from health_snapshot where workspace_id = ?)
				group by 1""")
			.params(workspace.value(), workspace.value())
			.query(rs -> {
				bands.put(rs.getString(1), rs.getInt(2));
			});
		Map<SignalKind, Integer> recent = new java.util.EnumMap<>(SignalKind.class);
		jdbc.sql("select kind, count(*) from health_signal where workspace_id = ? and detected_on >= ? group by kind")
			.params(workspace.value(), scoring.today(workspace).minusDays(7))
			.query(rs -> {
				recent.put(SignalKind.fromCode(rs.getString(1)), rs.getInt(2));
			});
		return new PortfolioHealth(bands, recent);
	}

	/** @param signalsThisWeek signals raised in the last seven days, by kind */
	public record PortfolioHealth(Map<String, Integer> bands, Map<SignalKind, Integer> signalsThisWeek) {
	}

	/** Live accounts on the latest scored day, ranked by revenue at risk. */
	public Page<AtRiskAccount> atRisk(WorkspaceId workspace, AtRiskQuery query) {
		LocalDate day = jdbc.sql("select max(day) from health_snapshot where workspace_id = ?")
			.param(workspace.value())
			.query(LocalDate.class)
			.optional()
			.orElse(null);
		if (day == null) {
			return new Page<>(List.of(), query.page(), query.size(), 0);
		}
		Map<Long, Object[]> scores = new HashMap<>();
		jdbc.sql("select account_id, score, band from health_snapshot where workspace_id = ? and day = ?")
			.params(workspace.value(), day)
			.query(rs -> {
				scores.put(rs.getLong(1), new Object[] { rs.getBigDecimal(2), rs.getString(3) });
			});
		Map<Long, List<SignalKind>> open = new HashMap<>();
		jdbc.sql("select account_id, kind from health_signal where workspace_id = ? and resolved_on is null")
			.param(workspace.value())
			.query(rs -> {
				open.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(SignalKind.fromCode(rs.getString(2)));
			});
		List<AtRiskAccount> rows = new ArrayList<>();
		for (AccountState state : accounts.states(workspace, day.plusDays(1))) {
			if (!state.live() || !matches(query, state, scores.get(state.accountId()), open, day)) {
				continue;
			}
			Object[] score = scores.get(state.accountId());
			Double value = score == null || score[0] == null ? null : ((java.math.BigDecimal) score[0]).doubleValue();
			long arr = state.mrrMinor() * 12;
			double risk = value == null ? 0.5 : (100 - value) / 100;
			rows.add(new AtRiskAccount(state.externalId(), state.name(), state.tier(), state.ownerUserId(), value,
					score == null ? null : (String) score[1], arr, state.currency(), Math.round(arr * risk),
					state.nextRenewalOn(), open.getOrDefault(state.accountId(), List.of())));
		}
		rows.sort(Comparator.comparingLong(AtRiskAccount::revenueAtRiskMinor).reversed()
			.thenComparing(AtRiskAccount::externalId));
		int from = Math.min(rows.size(), query.page() * query.size());
		return new Page<>(rows.subList(from, Math.min(rows.size(), from + query.size())), query.page(), query.size(),
				rows.size());
	}

	private static boolean matches(AtRiskQuery q, AccountState state, Object[] score, Map<Long, List<SignalKind>> open,
			LocalDate day) {
		if (q.ownerUserId() != null && !q.ownerUserId().equals(state.ownerUserId())) {
			return false;
		}
		if (q.tier() != null && !q.tier().equals(state.tier())) {
			return false;
		}
		if (q.band() != null && (score == null || !q.band().equals(score[1]))) {
			return false;
		}
		if (q.signal() != null && !open.getOrDefault(state.accountId(), List.of()).contains(q.signal())) {
			return false;
		}
		return q.renewalWithinDays() == null || state.nextRenewalOn() != null
				&& !state.nextRenewalOn().isAfter(day.plusDays(q.renewalWithinDays()));
	}

	private static Snapshots.Snapshot onOrBefore(List<Snapshots.Snapshot> history, LocalDate day) {
		Snapshots.Snapshot found = null;
		for (Snapshots.Snapshot snapshot : history) {
			if (!snapshot.day().isAfter(day)) {
				found = snapshot;
			}
		}
		return found;
	}

	private static String trend(Snapshots.Snapshot now, Snapshots.Snapshot before) {
		if (before == null || now.score() == null || before.score() == null) {
			return null;
		}
		double delta = now.score() - before.score();
		return delta > 5 ? "up" : delta < -5 ? "down" : "flat";
	}

	private String text(Locale locale, String key) {
		return messages.getMessage(key, null, key, locale);
	}
}
