package io.kizuna.revenue;

import java.sql.Date;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cohort retention matrices by signup month, grouped from the revenue read model ({@link MonthEndSteps}). An account's MRR at a month
 * end is defined as in {@link MrrMovements}; its signup month is its first month end with MRR (an account that paid
 * only within an earlier month, never at its end, joins the cohort of its first month end with MRR). Retained at month k means MRR at the end of month k: an account that left and came
 * back counts again (a win-back), and revenue retention exceeds 100 % when expansion outweighs churn.
 */
@Service
public class RevenueCohorts {

	private final JdbcClient jdbc;

	private final MonthEndSteps steps;

	RevenueCohorts(JdbcClient jdbc, MonthEndSteps steps) {
		this.jdbc = jdbc;
		this.steps = steps;
	}

	@Transactional // a call within the class bypasses the proxy: the overload below needs this one's transaction
	public List<Cohort> matrix(WorkspaceId workspace, CohortQuery query) {
		return matrix(workspace, query, null);
	}

	/** The cohorts of a saved segment's members only ({@code segmentId} null: every account). */
	@Transactional // the read model catches up first (MonthEndSteps)
	public List<Cohort> matrix(WorkspaceId workspace, CohortQuery query, Long segmentId) {
		// The breakdown picks one of these fixed expressions; an attribute key is only ever a bound parameter.
		String segment = query.breakdown() == null ? "null::text"
				: switch (query.breakdown()) {
					case PLAN -> "s.cohort_plan";
					case TIER -> "a.tier";
					case ATTRIBUTE -> "a.attributes ->> cast(:key as text)";
				};
		String join = query.breakdown() == CohortQuery.Breakdown.TIER
				|| query.breakdown() == CohortQuery.Breakdown.ATTRIBUTE
						? "join accounts_v_account a on a.workspace_id = s.workspace_id and a.account_id = s.account_id" : "";
		// The sorts over a workspace's history (a catch-up of many accounts) fit in 64 MB; 4 MB would spill to disk.
		jdbc.sql("select set_config('work_mem', '64MB', true)").query().listOfRows();
		steps.catchUp(workspace);
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("ws", workspace.value());
		params.put("from", Date.valueOf(query.from().atDay(1)));
		params.put("to", Date.valueOf(query.to().atDay(1)));
		if (query.attributeKey() != null) {
			params.put("key", query.attributeKey());
		}
		String members = Members.of("s", segmentId, params);
		// An account joins its cohort at its first step and leaves or comes back where its MRR ends or returns: the
		// cells are running sums of the steps by month since signup.
		var statement = jdbc.sql("""
				select cohort, segment, currency, k, sum(accounts) over w, sum(mrr) over w
				from (select s.cohort, %s as segment, s.currency, s.k,
				             sum(case when s.opening = 0 then 1 when s.closing = 0 then -1 else 0 end) as accounts,
				             sum(s.closing - s.opening) as mrr
				      from revenue_step s
				      %s
				      where s.workspace_id = :ws and s.cohort between :from and :to and s.month <= :to %s
				      group by 1, 2, 3, 4) g
				window w as (partition by cohort, segment, currency order by k)
				order by 1, 2 nulls last, 3, 4""".formatted(segment, join, members))
			.params(params);
		Map<List<Object>, List<Cell>> rows = new LinkedHashMap<>();
		statement.query(rs -> {
			YearMonth month = YearMonth.from(rs.getDate(1).toLocalDate());
			List<Object> key = java.util.Arrays.asList(month, rs.getString(2), rs.getString(3).trim());
			rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new Cell(rs.getInt(4), rs.getInt(5), rs.getLong(6)));
		});
		List<Cohort> cohorts = new ArrayList<>();
		rows.forEach((key, cells) -> cohorts.add(cohort(key, cells, query)));
		return cohorts;
	}

	static Cohort cohort(List<Object> key, List<Cell> cells, CohortQuery query) {
		YearMonth month = (YearMonth) key.get(0);
		Cell first = cells.get(0);
		int last = (int) month.until(query.to(), ChronoUnit.MONTHS);
		// Running totals arrive only for the months where something changed: carry them forward.
		Cell[] byK = new Cell[last + 1];
		cells.forEach(c -> byK[c.k()] = c);
		List<Cohort.Period> periods = new ArrayList<>();
		Cell cell = first;
		for (int k = 0; k <= last; k++) {
			cell = Objects.requireNonNullElse(byK[k], cell);
			double retention = query.measure() == CohortQuery.Measure.LOGO ? (double) cell.accounts() / first.accounts()
					: (double) cell.mrr() / first.mrr();
			periods.add(new Cohort.Period(k, cell.accounts(), cell.mrr(), retention));
		}
		return new Cohort(month, (String) key.get(1), (String) key.get(2), first.accounts(), first.mrr(), periods);
	}

	record Cell(int k, int accounts, long mrr) {
	}
}
