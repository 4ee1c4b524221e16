package io.kizuna.health;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountFilter;
import io.kizuna.accounts.Page;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accounts list: the account joined with its scoring status, filtered and sorted in SQL. The ORDER BY comes
 * from {@link AccountListQuery.Sort} only; every value from the request is a bind parameter. A sort on a status
 * key walks that key's index and stops at the page (ADR 0012); accounts created since the last scoring run follow
 * the scored ones.
 */
@Repository
class AccountList {

	private static final String COLUMNS = """
			a.account_id, a.external_id, a.name, a.domain, a.tier, a.lifecycle_stage, a.owner_user_id, s.score,
			s.band, s.arr_minor, s.currency, s.next_renewal_on, s.last_active_on, s.signal_kinds, s.live""";

	private static final String UNSCORED_COLUMNS = """
			a.account_id, a.external_id, a.name, a.domain, a.tier, a.lifecycle_stage, a.owner_user_id,
			null::numeric as score, null::text as band, null::bigint as arr_minor, null::char(3) as currency,
			null::date as next_renewal_on, null::date as last_active_on, null::text[] as signal_kinds,
			null::boolean as live""";

	/** The accounts module's published view of its accounts (ADR 0020): health never reads the table itself. */
	private static final String ACCOUNTS = AccountFilter.VIEW;

	/** Each account's touch level as the segments module publishes it (ADR 0037); health never reads its table. */
	private static final String TOUCH = "segments_v_touch";

	private static final String JOIN = " s on s.workspace_id = a.workspace_id and s.account_id = a.account_id";

	/** The list counts its matches up to this many; a total above it means "more than". */
	static final int COUNT_CAP = AccountListQuery.COUNT_CAP;

	private final JdbcClient jdbc;

	AccountList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Page<AccountListRow> list(WorkspaceId workspace, AccountListQuery query) {
		Map<String, Object> params = new HashMap<>();
		params.put("ws", workspace.value());
		Run run = jdbc.sql("""
				select day, started_at from health_status_run where workspace_id = ?""")
			.param(workspace.value())
			.query((rs, row) -> new Run(rs.getDate(1).toLocalDate(), rs.getObject(2, java.time.OffsetDateTime.class)))
			.optional()
			.orElse(null);
		String accountFilters = accountFilters(query, params);
		String statusFilters = statusFilters(query.band(), query.signal(), query.renewalWithinDays(),
				run == null ? null : run.day(), params);
		boolean onStatus = !statusFilters.isEmpty();
		String count;
		if (onStatus && accountFilters.isEmpty()) {
			// Every status row has its account (accounts are not deleted), so the count needs no join.
			count = "select count(*) from health_account_status s where s.workspace_id = :ws" + statusFilters;
		}
		else {
			count = "select count(*) from " + ACCOUNTS + " a" + (onStatus ? " join health_account_status" + JOIN : "")
					+ " where a.workspace_id = :ws" + accountFilters + statusFilters;
		}
		// Counted up to a cap: past it the list says "more than 10,000", and no page pays for counting 100,000 rows.
		long total = jdbc.sql("select count(*) from (" + count.replace("select count(*)", "select 1") + " limit "
				+ (COUNT_CAP + 1) + ") c").params(params).query(Long.class).single();
		params.put("limit", query.size());
		params.put("offset", (long) query.page() * query.size());
		params.put("end", (long) (query.page() + 1) * query.size());
		String sql;
		if (onStatus && total <= COUNT_CAP) {
			// Few enough matches to sort them all (a few ms). Walking a sort key's index instead can pass most of the
			// table when the filter and the key are correlated (red accounts sit at the bottom of the ARR order).
			sql = "with s as materialized (select * from health_account_status s where s.workspace_id = :ws"
					+ statusFilters + ") select " + COLUMNS + " from s join " + ACCOUNTS + " a on a.workspace_id = :ws"
					+ " and a.account_id = s.account_id where true" + accountFilters + " order by "
					+ (query.sort().fromStatus() ? order(query, "s." + query.sort().column().substring(2), "s.account_id")
							: query.descending() ? "a.name desc, a.account_id desc" : "a.name, a.account_id")
					+ " limit :limit offset :offset";
		}
		else if (!query.sort().fromStatus()) {
			sql = "select " + COLUMNS + " from " + ACCOUNTS + " a left join health_account_status" + JOIN
					+ " where a.workspace_id = :ws" + accountFilters + statusFilters
					+ (query.descending() ? " order by a.name desc, a.account_id desc" : " order by a.name, a.account_id")
					+ " limit :limit offset :offset";
		}
		else {
			String scored = "(select " + COLUMNS + " from health_account_status s join " + ACCOUNTS
					+ " a on a.workspace_id = s.workspace_id"
					+ " and a.account_id = s.account_id where s.workspace_id = :ws" + accountFilters + statusFilters
					+ " order by " + order(query, "s." + query.sort().column().substring(2), "s.account_id")
					+ " limit :end)";
			// Only accounts created since the last run began can lack a status row. A closed range, so that a reused
			// (generic) plan estimates it as narrow and probes those few accounts; an open one (created_at >= ?) is
			// guessed at a third of the table and hash-joins all of it.
			params.put("since", run == null ? java.time.OffsetDateTime.parse("1970-01-01T00:00:00Z") : run.since());
			params.put("until", java.time.OffsetDateTime.now().plusDays(1));
			String unscored = onStatus ? "" : " union all (select " + UNSCORED_COLUMNS + " from " + ACCOUNTS + " a"
					+ " where a.workspace_id = :ws and a.created_at between :since and :until" + accountFilters
					+ " and not exists (select 1 from health_account_status s"
					+ " where s.workspace_id = a.workspace_id and s.account_id = a.account_id) order by a.account_id limit :end)";
			String key = query.sort().column().substring(2);
			sql = "select * from (" + scored + unscored + ") x order by " + order(query, "x." + key, "x.account_id")
					+ " limit :limit offset :offset";
		}
		Map<Long, AccountListRow> byId = new java.util.LinkedHashMap<>();
		jdbc.sql(sql).params(params).query((rs, n) -> byId.put(rs.getLong("account_id"), map(rs, n))).list();
		return new Page<>(withTouch(workspace, byId), query.page(), query.size(), total);
	}

	/**
	 * The page's touch levels in one lookup after the page is cut, so that no sort or count pays for them; an account
	 * the touch model has not placed yet is tech-touch, as the model says.
	 */
	private List<AccountListRow> withTouch(WorkspaceId workspace, Map<Long, AccountListRow> byId) {
		if (byId.isEmpty()) {
			return List.of();
		}
		Map<Long, String> levels = new HashMap<>();
		jdbc.sql("select account_id, level from " + TOUCH + " where workspace_id = ? and account_id = any(?)")
			.params(workspace.value(), byId.keySet().toArray(Long[]::new))
			.query((rs, n) -> levels.put(rs.getLong(1), rs.getString(2))).list();
		return byId.entrySet().stream().map(e -> e.getValue().withTouch(levels.getOrDefault(e.getKey(), "tech"))).toList();
	}

	/**
	 * Nulls last both ways; ties by account id in the direction the key's index gives them. ARR is never null in
	 * the status table, so there its index is read backwards, and the unscored accounts' nulls go last outside.
	 */
	private static String order(AccountListQuery query, String key, String id) {
		if (query.sort() == AccountListQuery.Sort.SCORE) {
			// A health sort is about the accounts a CS manager can still act on (issue 13): live accounts first, in
			// score order either way, then the churned ones (their last band still shown, so a win-back can see how
			// they left), then accounts not scored yet (no status row: live is null). The indexes
			// health_status_live_score_{asc,desc} lead on live, so a page still walks an index and stops at its limit.
			String live = key.substring(0, key.indexOf('.') + 1) + "live desc" + (key.startsWith("x.") ? " nulls last" : "");
			return live + ", " + key + (query.descending() ? " desc" : "") + " nulls last, " + id;
		}
		if (query.sort() == AccountListQuery.Sort.ARR) {
			boolean outer = key.startsWith("x.");
			return query.descending() ? key + " desc" + (outer ? " nulls last, " : ", ") + id + " desc" : key + ", " + id;
		}
		return key + (query.descending() ? " desc" : "") + " nulls last, " + id;
	}

	/** The account filters, as the accounts module writes them for every list of accounts. */
	private static String accountFilters(AccountListQuery query, Map<String, Object> params) {
		return new AccountFilter(query.text(), query.tier(), query.lifecycleStage(), query.ownerUserId(),
				query.segmentId()).sql("a",
				params) + touchFilter(query.touch(), params);
	}

	/** Tech-touch is also every account not placed yet, so it is "no other level" rather than "placed at tech". */
	private static String touchFilter(String touch, Map<String, Object> params) {
		if (touch == null) {
			return "";
		}
		params.put("touch", touch);
		String placed = "(select 1 from " + TOUCH + " t where t.workspace_id = a.workspace_id"
				+ " and t.account_id = a.account_id and t.level ";
		return "tech".equals(touch) ? " and not exists " + placed + "<> :touch)" : " and exists " + placed + "= :touch)";
	}

	/**
	 * The last scoring run: its day, and the creation time from which accounts may lack a status row (the run's
	 * start, less five minutes for transactions that began before it and committed after).
	 */
	private record Run(java.time.LocalDate day, java.time.OffsetDateTime since) {
	}

	/**
	 * The filters on an account's standing as of the last scoring run, on {@code health_account_status s}: band,
	 * open signal, live and renewing within that many days of the run (the accounts list and the worklist). A band
	 * filter keeps live accounts only, like every other figure by band.
	 *
	 * @param runDay the day of the last scoring run; null before the first
	 */
	static String statusFilters(String band, SignalKind signal, Integer renewalWithinDays, java.time.LocalDate runDay,
			Map<String, Object> params) {
		StringBuilder where = new StringBuilder();
		if (band != null) {
			// A churned account keeps its last band on its row, but it is in no band: bands are about live accounts.
			where.append(" and s.live and s.band = :band");
			params.put("band", band);
		}
		if (signal != null) {
			where.append(" and s.signal_kinds @> array[cast(:signal as text)]");
			params.put("signal", signal.code());
		}
		if (renewalWithinDays != null) {
			// A bound, not s.day + n, so the renewal index answers it.
			where.append(" and s.live and s.next_renewal_on <= :renewalUntil");
			params.put("renewalUntil", runDay == null ? java.time.LocalDate.EPOCH : runDay.plusDays(renewalWithinDays));
		}
		return where.toString();
	}

	/** The day of the workspace's last scoring run, or null before the first. */
	java.time.LocalDate runDay(WorkspaceId workspace) {
		return jdbc.sql("select day from health_status_run where workspace_id = ?")
			.param(workspace.value())
			.query(java.time.LocalDate.class)
			.optional()
			.orElse(null);
	}

	private static AccountListRow map(ResultSet rs, int row) throws SQLException {
		BigDecimal score = rs.getBigDecimal("score");
		Array kinds = rs.getArray("signal_kinds");
		List<SignalKind> signals = new ArrayList<>();
		if (kinds != null) {
			for (Object code : (Object[]) kinds.getArray()) {
				signals.add(SignalKind.fromCode((String) code));
			}
		}
		java.sql.Date renewal = rs.getDate("next_renewal_on");
		java.sql.Date active = rs.getDate("last_active_on");
		return new AccountListRow(rs.getString("external_id"), rs.getString("name"), rs.getString("domain"),
				rs.getString("tier"), rs.getString("lifecycle_stage"), rs.getObject("owner_user_id", Long.class),
				score == null ? null : score.doubleValue(), rs.getString("band"), rs.getObject("arr_minor", Long.class),
				rs.getString("currency"), renewal == null ? null : renewal.toLocalDate(),
				active == null ? null : active.toLocalDate(), signals, null);
	}
}
