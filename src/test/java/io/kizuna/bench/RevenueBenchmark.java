package io.kizuna.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.kizuna.KizunaApplication;
import io.kizuna.revenue.CohortQuery;
import io.kizuna.revenue.MrrMovements;
import io.kizuna.revenue.Renewals;
import io.kizuna.revenue.RevenueCohorts;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cohort matrices, 12-month MRR/NRR and renewals on N accounts (default 100,000) with three years of subscription
 * history, written set-based with generate_series. Each query runs {@code runs} times after two warm-ups; p50, p95
 * and p99 are reported with the ratio to a baseline (a plain count over the same history) timed in the same runs.
 *
 * bench/run.sh revenue [accounts] [runs]; with BENCH_REUSE=1 the previous fixture is kept; with BENCH_BEFORE=1 the
 * previous versions of the cohort and MRR queries are timed too and their answers compared
 */
public final class RevenueBenchmark {

	public static void main(String[] args) {
		int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
			.web(WebApplicationType.NONE)
			.run("--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-revenue").toAbsolutePath(),
					"--kizuna.embedded-postgres.clean=" + !Boolean.getBoolean("bench.reuse"),
					"--kizuna.scheduling.enabled=false", "--logging.level.root=WARN")) {
			WorkspaceManagement workspaces = app.getBean(WorkspaceManagement.class);
			boolean reuse = workspaces.findBySlug("bench").isPresent();
			WorkspaceId workspace = reuse ? workspaces.findBySlug("bench").get().id()
					: workspaces.create(new NewWorkspace("bench", "Bench", "JPY", "Asia/Tokyo", "ja")).id();
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			Renewals renewals = app.getBean(Renewals.class);
			LocalDate today = renewals.today(workspace);
			long t0 = System.nanoTime();
			if (!reuse) {
				Fixture.load(jdbc, workspace, accounts, today);
			}
			long changes = jdbc.sql("select count(*) from subscription_change where workspace_id = ?")
				.param(workspace.value())
				.query(Long.class)
				.single();
			System.out.printf("fixture: %d accounts, %d subscription changes over three years, in %.1f s%n", accounts,
					changes, (System.nanoTime() - t0) / 1e9);

			RevenueCohorts cohorts = app.getBean(RevenueCohorts.class);
			MrrMovements mrr = app.getBean(MrrMovements.class);
			YearMonth to = YearMonth.from(today);
			// The read model is built by the first read after the fixture (every subscription is pending then).
			long build = System.nanoTime();
			List<io.kizuna.revenue.MrrMonth> first = mrr.monthly(workspace, to.minusMonths(11), to);
			System.out.printf("read model: first read, building the steps of every account, %.0f ms (%d rows)%n",
					(System.nanoTime() - build) / 1e6, jdbc.sql("select count(*) from revenue_step where workspace_id = ?")
						.param(workspace.value())
						.query(Long.class)
						.single());
			CohortQuery plans36 = new CohortQuery(to.minusMonths(35), to, CohortQuery.Measure.REVENUE,
					CohortQuery.Breakdown.PLAN, null);
			System.out.printf("same answers as computed from the history: MRR movements %s, 36 months of cohorts by plan %s%n",
					first.equals(io.kizuna.revenue.RevenueOracle.monthly(jdbc, workspace, to.minusMonths(11), to)),
					cohorts.matrix(workspace, plans36).equals(io.kizuna.revenue.RevenueOracle.matrix(jdbc, workspace, plans36)));
			catchUps(app.getBean(io.kizuna.accounts.AccountManagement.class), mrr, workspace, to, today, accounts);

			Map<String, Supplier<Object>> queries = new java.util.LinkedHashMap<>();
			queries.put("baseline: count(*) of the history", () -> jdbc
				.sql("select count(*), sum(mrr_minor) from subscription_change where workspace_id = ?")
				.param(workspace.value())
				.query()
				.listOfRows());
			queries.put("cohorts 12 months, logo", () -> cohorts.matrix(workspace,
					new CohortQuery(to.minusMonths(11), to, CohortQuery.Measure.LOGO, null, null)));
			queries.put("cohorts 12 months, revenue by tier", () -> cohorts.matrix(workspace,
					new CohortQuery(to.minusMonths(11), to, CohortQuery.Measure.REVENUE, CohortQuery.Breakdown.TIER,
							null)));
			queries.put("cohorts 36 months, logo", () -> cohorts.matrix(workspace,
					new CohortQuery(to.minusMonths(35), to, CohortQuery.Measure.LOGO, null, null)));
			queries.put("cohorts 36 months, revenue by plan", () -> cohorts.matrix(workspace, plans36));
			queries.put("MRR movements + NRR, 12 months", () -> mrr.monthly(workspace, to.minusMonths(11), to));
			// The same two answers computed straight from the history, as before the read model.
			queries.put("direct: cohorts 36 months, revenue by plan",
					() -> io.kizuna.revenue.RevenueOracle.matrix(jdbc, workspace, plans36));
			queries.put("direct: MRR movements + NRR, 12 months",
					() -> io.kizuna.revenue.RevenueOracle.monthly(jdbc, workspace, to.minusMonths(11), to));
			// What the dashboard and the API serve: the same answers kept by RevenueReports until the history changes.
			io.kizuna.revenue.RevenueReports reports = app.getBean(io.kizuna.revenue.RevenueReports.class);
			queries.put("served: cohorts 36 months, revenue by plan", () -> reports.cohorts(workspace, plans36));
			queries.put("served: MRR movements + NRR, 12 months", () -> reports.monthly(workspace, to.minusMonths(11), to));
			queries.put("renewals next 90 days", () -> renewals.upcoming(workspace, today, 90));
			queries.put("renewal forecast, 6 months", () -> renewals.forecast(workspace, today, 6));

			if (Boolean.getBoolean("bench.before")) {
				// The previous queries, timed alongside, and the answers compared.
				queries.put("before: cohorts 12 months, logo", () -> Before.cohorts(jdbc, workspace, to.minusMonths(11), to));
				queries.put("before: MRR movements + NRR, 12 months", () -> Before.mrr(jdbc, workspace, to.minusMonths(11), to));
				boolean sameMrr = Before.mrr(jdbc, workspace, to.minusMonths(11), to)
					.equals(Before.after(mrr.monthly(workspace, to.minusMonths(11), to)));
				boolean sameCohorts = Before.cohorts(jdbc, workspace, to.minusMonths(35), to)
					.equals(Before.after(cohorts.matrix(workspace,
							new CohortQuery(to.minusMonths(35), to, CohortQuery.Measure.LOGO, null, null)), true));
				System.out.printf("same answers as before: MRR movements %s, 36 months of cohorts %s%n", sameMrr,
						sameCohorts);
			}
			Map<String, List<Double>> times = new java.util.LinkedHashMap<>();
			queries.keySet().forEach(k -> times.put(k, new ArrayList<>()));
			for (int run = -2; run < runs; run++) {
				// Interleaved, so that load from other processes spreads over every query alike.
				for (var query : queries.entrySet()) {
					long start = System.nanoTime();
					query.getValue().get();
					double ms = (System.nanoTime() - start) / 1e6;
					if (run >= 0) {
						times.get(query.getKey()).add(ms);
					}
				}
			}
			double baseline = percentile(times.values().iterator().next(), 50);
			System.out.printf("%-40s %9s %9s %9s %9s %9s %8s%n", "query (" + runs + " runs)", "p50 ms", "p95 ms",
					"p99 ms", "min ms", "max ms", "p50/base");
			times.forEach((name, list) -> System.out.printf("%-40s %9.1f %9.1f %9.1f %9.1f %9.1f %8.1f%n", name,
					percentile(list, 50), percentile(list, 95), percentile(list, 99), Collections.min(list),
					Collections.max(list), percentile(list, 50) / baseline));
		}
	}

	/**
	 * What a change costs a reader: 100 subscriptions change (upgrades through the application, as an import or the
	 * API would), then the next read brings their accounts' steps up to date. Five times; the median is reported.
	 */
	static void catchUps(io.kizuna.accounts.AccountManagement accounts, MrrMovements mrr, WorkspaceId workspace,
			YearMonth to, LocalDate today, int n) {
		List<Double> times = new ArrayList<>();
		java.util.SplittableRandom random = new java.util.SplittableRandom(7);
		for (int round = 0; round < 5; round++) {
			for (int i = 0; i < 100; i++) {
				String account = "acct-" + (1 + random.nextInt(n));
				accounts.saveSubscription(workspace, "sub-" + account, new io.kizuna.accounts.SubscriptionDraft(account,
						null, null, 1_000L * (10 + random.nextInt(90)), null, null, "active", null, null, null, null,
						today));
			}
			long start = System.nanoTime();
			mrr.monthly(workspace, to.minusMonths(11), to);
			times.add((System.nanoTime() - start) / 1e6);
		}
		System.out.printf("read model: read after 100 subscriptions changed (catch-up included), median %.0f ms %s%n",
				percentile(times, 50), times);
	}

	/** Nearest-rank percentile. */
	static double percentile(List<Double> values, int p) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	/**
	 * Accounts signing up evenly over three years on annual terms, with the movements a SaaS base has: renewals each
	 * anniversary, expansions (30 %), contractions (15 %), cancellations (25 %, a fifth of them won back 60 days on).
	 */
	static final class Fixture {

		static void load(JdbcClient jdbc, WorkspaceId workspace, int accounts, LocalDate today) {
			Map<String, Object> p = Map.of("ws", workspace.value(), "n", accounts, "day", today);
			jdbc.sql("""
					insert into account (workspace_id, external_id, name, tier, attributes)
					select :ws, 'acct-' || i, 'Account ' || i, (array['smb', 'mid-market', 'enterprise'])[1 + i % 3],
					       jsonb_build_object('region', (array['kanto', 'kansai', 'chubu', 'kyushu'])[1 + i % 4])
					from generate_series(1, :n) i""").params(p).update();
			jdbc.sql("""
					insert into subscription (workspace_id, external_id, account_id, plan, mrr_minor, currency, seats,
					                          status, started_on, current_term_end)
					select :ws, 'sub-' || a.external_id, a.account_id,
					       (array['Starter', 'Standard', 'Enterprise'])[1 + a.account_id % 3],
					       3000 * (5 + a.account_id % 20), 'JPY', 5 + a.account_id % 20, 'active',
					       cast(:day as date) - 1095 + (a.account_id * 7919 % 1095)::int, null
					from account a where a.workspace_id = :ws""").params(p).update();
			// Every state each subscription went through, in date order; the renewal date moves on each anniversary.
			jdbc.sql("""
					insert into subscription_change (workspace_id, subscription_id, account_id, effective_on, plan,
					                                 mrr_minor, currency, seats, status, current_term_end)
					with subs as (
					    select s.subscription_id, s.account_id, s.plan, s.mrr_minor as base, s.started_on,
					           s.subscription_id % 100 as r
					    from subscription s where s.workspace_id = :ws),
					events as (
					    select subscription_id, account_id, plan, started_on, started_on as eff, base as mrr, 'active' as status, r
					    from subs
					    union all
					    select subscription_id, account_id, plan, started_on, (started_on + make_interval(years => y))::date,
					           base, 'active', r
					    from subs, generate_series(1, 3) y
					    where (started_on + make_interval(years => y))::date <= :day
					    union all
					    select subscription_id, account_id, plan, started_on, started_on + 120 + (subscription_id % 200)::int,
					           base * 3 / 2, 'active', r from subs where r < 30
					    union all
					    select subscription_id, account_id, plan, started_on, started_on + 200 + (subscription_id % 150)::int,
					           base * 2 / 3, 'active', r from subs where r between 30 and 44
					    union all
					    select subscription_id, account_id, plan, started_on, started_on + 90 + (subscription_id * 31 % 700)::int,
					           base, 'canceled', r from subs where r between 50 and 74
					    union all
					    select subscription_id, account_id, plan, started_on, started_on + 150 + (subscription_id * 31 % 700)::int,
					           base, 'active', r from subs where r between 50 and 54)
					select :ws, subscription_id, account_id, eff, plan, mrr, 'JPY', 1, status,
					       (started_on + make_interval(years => 1 + ((eff - started_on) / 365)))::date
					from events where eff <= :day
					order by subscription_id, eff""").params(p).update();
			jdbc.sql("analyze").update();
		}
	}

	/**
	 * The first versions of the two queries (one state lookup per account and month end; one row per account and
	 * month), kept to time them in the same process and to check that the rewrites give the same answers.
	 */
	static final class Before {

		static List<String> mrr(JdbcClient jdbc, WorkspaceId workspace, YearMonth from, YearMonth to) {
			return jdbc.sql("""
				with months as (
				    select m::date as month, (m + interval '1 month' - interval '1 day')::date as month_end
				    from generate_series(cast(:from as date) - interval '1 month', cast(:to as date), interval '1 month') m),
				states as (
				    select m.month, s.account_id, s.currency,
				           sum(s.mrr_minor) filter (where s.status in ('active', 'past_due')) as mrr
				    from months m
				    cross join lateral (
				        select distinct on (c.subscription_id) c.account_id, c.currency, c.mrr_minor, c.status
				        from subscription_change c
				        where c.workspace_id = :ws and c.effective_on <= m.month_end
				        order by c.subscription_id, c.effective_on desc, c.change_id desc) s
				    group by m.month, s.account_id, s.currency),
				first_paid as (
				    select c.account_id, c.currency, min(c.effective_on) as first_day from subscription_change c
				    where c.workspace_id = :ws and c.status in ('active', 'past_due') and c.mrr_minor > 0
				    group by c.account_id, c.currency),
				pairs as (
				    select m.month, a.account_id, a.currency,
				           coalesce(prev.mrr, 0) as opening, coalesce(cur.mrr, 0) as closing,
				           f.first_day
				    from months m
				    join (select distinct account_id, currency from states) a on true
				    left join states cur on cur.month = m.month and cur.account_id = a.account_id and cur.currency = a.currency
				    left join states prev on prev.month = (m.month - interval '1 month')::date
				         and prev.account_id = a.account_id and prev.currency = a.currency
				    left join first_paid f on f.account_id = a.account_id and f.currency = a.currency
				    where m.month >= cast(:from as date))
				select month, currency,
				       sum(opening),
				       sum(closing) filter (where opening = 0 and closing > 0 and first_day > (month - interval '1 day')::date),
				       sum(closing - opening) filter (where opening > 0 and closing > opening),
				       sum(closing) filter (where opening = 0 and closing > 0 and first_day <= (month - interval '1 day')::date),
				       sum(opening - closing) filter (where opening > 0 and closing > 0 and closing < opening),
				       sum(opening) filter (where opening > 0 and closing = 0),
				       sum(closing),
				       count(*) filter (where opening > 0),
				       count(*) filter (where opening > 0 and closing = 0)
				from pairs
				group by month, currency
				having sum(opening) > 0 or sum(closing) > 0
				order by month, currency""")
				.param("ws", workspace.value())
				.param("from", java.sql.Date.valueOf(from.atDay(1)))
				.param("to", java.sql.Date.valueOf(to.atDay(1)))
				.query((rs, n) -> rs.getDate(1) + " " + rs.getString(2).trim() + " " + rs.getLong(3) + " " + rs.getLong(4)
						+ " " + rs.getLong(5) + " " + rs.getLong(6) + " " + rs.getLong(7) + " " + rs.getLong(8) + " "
						+ rs.getLong(9) + " " + rs.getInt(10) + " " + rs.getInt(11))
				.list();
		}

		static List<String> after(List<io.kizuna.revenue.MrrMonth> months) {
			return months.stream()
				.map(m -> m.month().atDay(1) + " " + m.currency() + " " + m.openingMinor() + " " + m.newMinor() + " "
						+ m.expansionMinor() + " " + m.reactivationMinor() + " " + m.contractionMinor() + " "
						+ m.churnMinor() + " " + m.closingMinor() + " " + m.customersAtStart() + " " + m.churnedCustomers())
				.toList();
		}

		/** Cells with accounts, as "cohort k accounts mrr". */
		static List<String> cohorts(JdbcClient jdbc, WorkspaceId workspace, YearMonth from, YearMonth to) {
			return jdbc.sql("""
				with spans as (
				    select c.account_id, c.currency, c.plan, c.mrr_minor, c.status,
				           date_trunc('month', c.effective_on)::timestamp as first_month,
				           date_trunc('month', lead(c.effective_on) over w)::timestamp - interval '1 month' as last_month
				    from subscription_change c
				    where c.workspace_id = :ws and c.effective_on <= :toEnd
				    window w as (partition by c.subscription_id order by c.effective_on, c.change_id)),
				account_months as (
				    select s.account_id, s.currency, m::date as month, sum(s.mrr_minor) as mrr
				    from spans s
				    cross join lateral generate_series(s.first_month, least(coalesce(s.last_month, :to), :to), interval '1 month') m
				    where s.status in ('active', 'past_due') and s.mrr_minor > 0
				    group by 1, 2, 3),
				cohorts as (
				    select account_id, currency, min(month) as cohort from account_months group by 1, 2
				    having min(month) between :from and :to)
				select co.cohort, co.currency,
				       ((extract(year from am.month) - extract(year from co.cohort)) * 12
				        + extract(month from am.month) - extract(month from co.cohort))::int as k,
				       count(*), sum(am.mrr)
				from cohorts co
				join account_months am on am.account_id = co.account_id and am.currency = co.currency
				group by 1, 2, 3
				order by 1, 2, 3""")
				.param("ws", workspace.value())
				.param("from", java.sql.Date.valueOf(from.atDay(1)))
				.param("to", java.sql.Date.valueOf(to.atDay(1)))
				.param("toEnd", java.sql.Date.valueOf(to.atEndOfMonth()))
				.query((rs, n) -> YearMonth.from(rs.getDate(1).toLocalDate()) + " " + rs.getInt(3) + " " + rs.getInt(4)
						+ " " + rs.getLong(5))
				.list();
		}

		static List<String> after(List<io.kizuna.revenue.Cohort> cohorts, boolean unused) {
			return cohorts.stream()
				.flatMap(c -> c.periods().stream().filter(p -> p.accounts() > 0)
					.map(p -> c.month() + " " + p.k() + " " + p.accounts() + " " + p.mrrMinor()))
				.toList();
		}
	}
}
