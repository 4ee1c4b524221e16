package io.kizuna.revenue;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * MRR movements by month, summed from the revenue read model ({@link MonthEndSteps}) of the subscription history. Definitions: an account's MRR at a
 * month's end is the sum of its subscriptions' MRR in the state in effect that day, when active or past due. New:
 * first MRR ever; reactivation: MRR again after a month end without; churn: MRR gone; expansion and contraction:
 * the change of MRR between two month ends that both had it. A cancellation and win-back within one month is
 * therefore visible only through its net effect at the month's end.
 */
@Service
public class MrrMovements {

	private final JdbcClient jdbc;

	private final MonthEndSteps steps;

	MrrMovements(JdbcClient jdbc, MonthEndSteps steps) {
		this.jdbc = jdbc;
		this.steps = steps;
	}

	@Transactional // a call within the class bypasses the proxy: the overload below needs this one's transaction
	public List<MrrMonth> monthly(WorkspaceId workspace, YearMonth from, YearMonth to) {
		return monthly(workspace, from, to, null);
	}

	/** The movements of a saved segment's members only ({@code segmentId} null: every account). */
	@Transactional // the read model catches up first (MonthEndSteps)
	public List<MrrMonth> monthly(WorkspaceId workspace, YearMonth from, YearMonth to, Long segmentId) {
		if (from.isAfter(to) || from.plusYears(10).isBefore(to)) {
			throw new InvalidInputException("months: from ≤ to, at most ten years");
		}
		// The sorts over a workspace's history (a catch-up of many accounts) fit in 64 MB; 4 MB would spill to disk.
		jdbc.sql("select set_config('work_mem', '64MB', true)").query().listOfRows();
		steps.catchUp(workspace);
		// The months where accounts' MRR changed, summed by movement; the opening of a month is the sum of every
		// change before it, so the months before `from` are read too (as a handful of sums per month).
		Map<String, Map<YearMonth, Changes>> byCurrency = new TreeMap<>();
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("ws", workspace.value());
		params.put("to", Date.valueOf(to.atDay(1)));
		String members = Members.of("s", segmentId, params);
		jdbc.sql("""
				select month, currency, sum(closing - opening), sum(case when opening = 0 then 1 when closing = 0 then -1 else 0 end),
				       coalesce(sum(closing) filter (where movement = 'new'), 0),
				       coalesce(sum(closing - opening) filter (where movement = 'expansion'), 0),
				       coalesce(sum(closing) filter (where movement = 'reactivation'), 0),
				       coalesce(sum(opening - closing) filter (where movement = 'contraction'), 0),
				       coalesce(sum(opening) filter (where movement = 'churn'), 0),
				       count(*) filter (where movement = 'churn')
				from revenue_step s
				where s.workspace_id = :ws and s.month <= :to %s
				group by month, currency""".formatted(members))
			.params(params)
			.query(rs -> {
				byCurrency.computeIfAbsent(rs.getString(2).trim(), c -> new TreeMap<>())
					.put(YearMonth.from(rs.getDate(1).toLocalDate()), new Changes(rs.getLong(3), rs.getInt(4),
							rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getInt(10)));
			});
		List<MrrMonth> months = new ArrayList<>();
		byCurrency.forEach((currency, changes) -> {
			long opening = 0;
			int payers = 0;
			for (Map.Entry<YearMonth, Changes> before : changes.entrySet()) {
				if (before.getKey().isBefore(from)) {
					opening += before.getValue().delta();
					payers += before.getValue().payers();
				}
			}
			for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
				Changes c = changes.getOrDefault(month, Changes.NONE);
				long closing = opening + c.delta();
				if (opening > 0 || closing > 0) {
					months.add(new MrrMonth(month, currency, opening, c.newMinor(), c.expansion(), c.reactivation(),
							c.contraction(), c.churn(), closing, payers, c.churned()));
				}
				opening = closing;
				payers += c.payers();
			}
		});
		months.sort(Comparator.comparing(MrrMonth::month).thenComparing(MrrMonth::currency));
		return months;
	}

	/** The changes of one month in one currency. */
	private record Changes(long delta, int payers, long newMinor, long expansion, long reactivation, long contraction,
			long churn, int churned) {

		static final Changes NONE = new Changes(0, 0, 0, 0, 0, 0, 0, 0);
	}
}
