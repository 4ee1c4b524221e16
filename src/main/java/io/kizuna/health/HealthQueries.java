package io.kizuna.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountFilter;
import io.kizuna.accounts.AccountManagement;
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

	private final AccountList list;

	private final SignalRules rules;

	HealthQueries(AccountManagement accounts, Snapshots snapshots, Signals signals, HealthScoring scoring,
			MessageSource messages, JdbcClient jdbc, AccountList list, SignalRules rules) {
		this.rules = rules;
		this.list = list;
		this.accounts = accounts;
		this.snapshots = snapshots;
		this.signals = signals;
		this.scoring = scoring;
		this.messages = messages;
		this.jdbc = jdbc;
	}

	/**
	 * The workspace's saved segments, for the lists' segment filter: read from {@code segments_v_segment}, the view
	 * the segments module publishes, so that health never calls segments' code (segments depends on health).
	 */
	public java.util.List<SegmentChoice> segmentChoices(WorkspaceId workspace) {
		return jdbc.sql("select segment_id, key, name from segments_v_segment where workspace_id = ? order by name, key")
			.param(workspace.value())
			.query((rs, n) -> new SegmentChoice(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/**
	 * The touch levels in order with the workspace's names, for the accounts list's touch column and filter: read from
	 * {@code segments_touch_levels}, which the segments module publishes (health never calls segments' code).
	 */
	public java.util.List<TouchChoice> touchLevels(WorkspaceId workspace) {
		return jdbc.sql("select level, name_ja, name_en from segments_touch_levels(?)")
			.param(workspace.value())
			.query((rs, n) -> new TouchChoice(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	public AccountHealth accountHealth(WorkspaceId workspace, String externalId, Locale locale) {
		Account account = accounts.account(workspace, externalId);
		LocalDate today = scoring.today(workspace);
		List<Snapshots.Snapshot> history = snapshots.history(workspace, account.id(), today.minusDays(120), today);
		List<HealthSignal> open = signals.of(workspace, account.id(), externalId, true)
			.stream()
			.map(s -> new HealthSignal(s.id(), s.accountExternalId(), s.kind(), s.severity(), s.evidence(),
					s.detectedOn(), s.resolvedOn(), text(locale, s.kind().actionKey())))
			.toList();
		List<AccountHealth.DayScore> days = history.stream()
			.map(s -> new AccountHealth.DayScore(s.day(), s.score(), s.band() == null ? null : s.band().code()))
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
		return new AccountHealth(externalId, latest.day(), latest.score(),
				latest.band() == null ? null : latest.band().code(), trend(latest, weekAgo),
				trend(latest, monthAgo), measures, Explanations.sinceLastWeek(latest, weekAgo, messages, locale), days,
				open);
	}

	/**
	 * Live accounts per band as of the last scoring run, and signals raised in the last seven days by kind. A churned
	 * account keeps the band of its last score, but it is no account at risk: it counts in no band (issue 13), as it
	 * counts in none of the portfolio's live figures.
	 */
	public PortfolioHealth portfolio(WorkspaceId workspace) {
		return portfolio(workspace, null);
	}

	/** {@link #portfolio(WorkspaceId)} over a saved segment's members only ({@code segmentId} null: every account). */
	public PortfolioHealth portfolio(WorkspaceId workspace, Long segmentId) {
		Map<String, Integer> bands = new java.util.TreeMap<>();
		Map<String, Object> params = new HashMap<>();
		params.put("ws", workspace.value());
		String members = members("s", segmentId, params);
		jdbc.sql("""
				select coalesce(band, 'none'), count(*) from health_account_status s where s.workspace_id = :ws and s.live
				%s group by 1""".formatted(members))
			.params(params)
			.query(rs -> {
				bands.put(rs.getString(1), rs.getInt(2));
			});
		Map<SignalKind, Integer> recent = new java.util.TreeMap<>(rules.order());
		params.put("since", scoring.today(workspace).minusDays(7));
		jdbc.sql("""
				select kind, count(*) from health_signal s where s.workspace_id = :ws and s.detected_on >= :since %s
				group by kind""".formatted(members))
			.params(params)
			.query(rs -> {
				recent.put(SignalKind.fromCode(rs.getString(1)), rs.getInt(2));
			});
		return new PortfolioHealth(bands, recent);
	}

	/**
	 * Only a saved segment's members, as an {@code " and …"} condition on {@code alias} (a table with workspace_id and
	 * account_id): the accounts module's filter, which reads the members the segments module publishes.
	 */
	private static String members(String alias, Long segmentId, Map<String, Object> params) {
		return new AccountFilter(null, null, null, null, segmentId).sql(alias, params);
	}

	/** @param signalsThisWeek signals raised in the last seven days, by kind */
	public record PortfolioHealth(Map<String, Integer> bands, Map<SignalKind, Integer> signalsThisWeek) {
	}

	/**
	 * Live accounts as of the latest scoring run, risk first (issue 13): accounts with an open signal or a red or
	 * yellow band come before the others (green or not scored, and no signal), and within each group the largest
	 * revenue at risk (ARR × (100 − score) / 100) comes first; ties by account. A green account with a large ARR no
	 * longer outranks a red one. The order is {@link #WORKLIST_ORDER}, which the index {@code health_status_worklist}
	 * holds (migration V202612011745), so a page is read in order and stops at its limit.
	 */
	public Page<AtRiskAccount> atRisk(WorkspaceId workspace, AtRiskQuery query) {
		StringBuilder where = new StringBuilder(" where s.workspace_id = :ws and s.live");
		Map<String, Object> params = new HashMap<>();
		params.put("ws", workspace.value());
		AccountFilter accountFilter = new AccountFilter(null, query.tier(), null, query.ownerUserId(), query.segmentId());
		where.append(accountFilter.sql("a", params));
		where.append(AccountList.statusFilters(query.band(), query.signal(), query.renewalWithinDays(),
				query.renewalWithinDays() == null ? null : list.runDay(workspace), params));
		String from = " from health_account_status s join " + AccountFilter.VIEW + " a on a.workspace_id = s.workspace_id"
				+ " and a.account_id = s.account_id";
		// Status rows always have their account: without an account filter the count needs no join.
		long total = jdbc.sql("select count(*)" + (accountFilter.isEmpty() ? " from health_account_status s" : from) + where)
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", query.size());
		params.put("offset", (long) query.page() * query.size());
		List<AtRiskAccount> rows = jdbc.sql("""
				select a.external_id, a.name, a.tier, a.owner_user_id, s.score, s.band, s.arr_minor, s.currency,
				       s.revenue_at_risk_minor, s.next_renewal_on, s.signal_kinds""" + from + where
				+ WORKLIST_ORDER + " limit :limit offset :offset")
			.params(params)
			.query((rs, row) -> new AtRiskAccount(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, Long.class), rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).doubleValue(),
					rs.getString(6), rs.getLong(7), rs.getString(8), rs.getLong(9),
					rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate(), kinds(rs.getArray(11))))
			.list();
		return new Page<>(rows, query.page(), query.size(), total);
	}

	/** Risk first, then revenue at risk; the expression is the one of the index health_status_worklist. */
	static final String WORKLIST_ORDER = " order by (s.band in ('red', 'yellow') or cardinality(s.signal_kinds) > 0) desc nulls last,"
			+ " s.revenue_at_risk_minor desc, s.account_id";

	/** The accounts list: filtered and sorted on the account and its standing as of the last scoring run. */
	public Page<AccountListRow> accounts(WorkspaceId workspace, AccountListQuery query) {
		return list.list(workspace, query);
	}

	/**
	 * The portfolio's figures from the last scoring run: accounts, live accounts, ARR, revenue at risk, renewals
	 * within 90 days of that run; null before the first run.
	 */
	public PortfolioFigures figures(WorkspaceId workspace) {
		return figures(workspace, null);
	}

	/** {@link #figures(WorkspaceId)} over a saved segment's members only ({@code segmentId} null: every account). */
	public PortfolioFigures figures(WorkspaceId workspace, Long segmentId) {
		Map<String, Object> params = new HashMap<>();
		params.put("ws", workspace.value());
		String members = members("s", segmentId, params);
		return jdbc.sql("""
				select max(day), count(*), count(*) filter (where live), coalesce(sum(arr_minor) filter (where live), 0),
				       coalesce(sum(revenue_at_risk_minor) filter (where live), 0),
				       count(*) filter (where live and next_renewal_on <= day + 90), min(currency)
				from health_account_status s where s.workspace_id = :ws""" + members)
			.params(params)
			.query((rs, row) -> rs.getDate(1) == null ? null
					: new PortfolioFigures(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3), rs.getLong(4),
							rs.getLong(5), rs.getLong(6)))
			.optional()
			.orElse(null);
	}

	/** @param day the scoring run the figures come from */
	public record PortfolioFigures(LocalDate day, long accounts, long liveAccounts, long arrMinor,
			long revenueAtRiskMinor, long renewalsWithin90Days) {
	}

	/** Live accounts renewing next (from the day of the last scoring run on), soonest first. */
	public List<AtRiskAccount> nextRenewals(WorkspaceId workspace, int limit) {
		return nextRenewals(workspace, limit, null);
	}

	/** {@link #nextRenewals(WorkspaceId, int)} among a saved segment's members ({@code segmentId} null: all). */
	public List<AtRiskAccount> nextRenewals(WorkspaceId workspace, int limit, Long segmentId) {
		Map<String, Object> params = new HashMap<>();
		params.put("ws", workspace.value());
		params.put("limit", limit);
		String members = members("s", segmentId, params);
		return jdbc.sql("""
				select a.external_id, a.name, a.tier, a.owner_user_id, s.score, s.band, s.arr_minor, s.currency,
				       s.revenue_at_risk_minor, s.next_renewal_on, s.signal_kinds
				from health_account_status s
				join accounts_v_account a on a.workspace_id = s.workspace_id and a.account_id = s.account_id
				where s.workspace_id = :ws and s.live and s.next_renewal_on is not null %s
				order by s.next_renewal_on, s.account_id limit :limit""".formatted(members))
			.params(params)
			.query((rs, row) -> new AtRiskAccount(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, Long.class), rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).doubleValue(),
					rs.getString(6), rs.getLong(7), rs.getString(8), rs.getLong(9),
					rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate(), kinds(rs.getArray(11))))
			.list();
	}

	private static List<SignalKind> kinds(java.sql.Array array) throws java.sql.SQLException {
		List<SignalKind> kinds = new ArrayList<>();
		if (array != null) {
			for (Object code : (Object[]) array.getArray()) {
				kinds.add(SignalKind.fromCode((String) code));
			}
		}
		return kinds;
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
