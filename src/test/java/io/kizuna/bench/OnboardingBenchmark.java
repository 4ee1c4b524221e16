package io.kizuna.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.kizuna.KizunaApplication;
import io.kizuna.onboarding.Milestone;
import io.kizuna.onboarding.MilestoneKind;
import io.kizuna.onboarding.OnboardingManagement;
import io.kizuna.onboarding.OnboardingPlan;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Milestone completion from rollups at N accounts (default 100,000; the rescoring fixture: 90 days of rollups), the
 * subscriptions' starts spread over the last 120 days so every account is onboarding within its usage. A plan for
 * every account (default) with two event milestones, an active-users one and a manual one:
 * <ol>
 * <li>a whole pass from nothing reached (plans assigned, every milestone of every account evaluated), median of
 * {@code runs}, the automatic progress cleared between runs;</li>
 * <li>the same pass again with everything reached already kept (what an hourly pass costs);</li>
 * <li>a changed pass after one day of new rollups for 10% of the accounts (what follows a rollup pass).</li>
 * </ol>
 * bench/run.sh onboarding [accounts] [runs]; BENCH_REUSE=1 keeps the fixture (the subscriptions' starts included)
 */
public final class OnboardingBenchmark {

	/**
	 * A copy of {@code Evaluation.COMPLETE} (keep them equal), timed alone so that a run shows how much of a whole pass
	 * is completion and how much the plan assignment, summaries and overdue statements; its plan is printed first.
	 */
	static final String COMPLETION_ALONE = """
			with open as materialized (
			    select oa.account_id, oa.plan_key, oa.started_on, m.milestone_key, m.kind, m.event_name, m.min_count,
			           m.within_days, m.first_value
			    from onboarding_account oa
			    join onboarding_milestone m on m.workspace_id = oa.workspace_id and m.plan_key = oa.plan_key
			    where oa.workspace_id = :ws and oa.completed_on is null and m.kind <> 'manual'
			      and oa.started_on <= cast(:to as date)
			      and oa.started_on + m.within_days > cast(:from as date)
			      and not exists (select 1 from onboarding_progress p where p.workspace_id = :ws
			                      and p.account_id = oa.account_id and p.milestone_key = m.milestone_key)),
			by_events as (
			    select account_id, milestone_key, min(day) as reached_on from (
			        select o.account_id, o.milestone_key, o.min_count, d.day,
			               sum(d.events) over (partition by o.account_id, o.milestone_key order by d.day) as running
			        from open o
			        join usage_v_daily_event d on d.workspace_id = :ws and d.account_id = o.account_id
			             and d.day >= o.started_on and d.day < o.started_on + o.within_days and d.event_name = o.event_name
			        where o.kind = 'event_count') r
			    where running >= min_count group by account_id, milestone_key),
			by_users as (
			    select account_id, milestone_key, min(first_day) as reached_on from (
			        select account_id, milestone_key, min_count, first_day,
			               count(*) over (partition by account_id, milestone_key order by first_day) as users
			        from (select o.account_id, o.milestone_key, o.min_count, u.user_id, min(u.day) as first_day
			              from open o
			              join usage_v_daily_user u on u.workspace_id = :ws and u.account_id = o.account_id
			                   and u.day >= o.started_on and u.day < o.started_on + o.within_days
			              where o.kind = 'active_users'
			              group by o.account_id, o.milestone_key, o.min_count, u.user_id) f) r
			    where users >= min_count group by account_id, milestone_key),
			reached as (select * from by_events union all select * from by_users)
			insert into onboarding_progress (workspace_id, account_id, milestone_key, completed_on, source)
			select :ws, account_id, milestone_key, reached_on, 'auto' from reached
			on conflict do nothing
			returning account_id, milestone_key, completed_on""";


	public static void main(String[] args) {
		int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
			.web(WebApplicationType.NONE)
			.run("--kizuna.embedded-postgres.data-dir="
					+ Path.of(System.getProperty("bench.data", "target/bench-onboarding")).toAbsolutePath(),
					"--kizuna.embedded-postgres.clean=" + !Boolean.getBoolean("bench.reuse"), "--kizuna.scheduling.enabled=false",
					"--logging.level.root=WARN")) {
			WorkspaceManagement workspaces = app.getBean(WorkspaceManagement.class);
			boolean reuse = workspaces.findBySlug("bench").isPresent();
			WorkspaceId workspace = reuse ? workspaces.findBySlug("bench").get().id()
					: workspaces.create(new NewWorkspace("bench", "Bench", "JPY", "Asia/Tokyo", "ja")).id();
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			OnboardingManagement onboarding = app.getBean(OnboardingManagement.class);
			LocalDate day = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).minusDays(1);
			if (!reuse) {
				long t0 = System.nanoTime();
				RescoringBenchmark.Fixture.load(jdbc, workspace, accounts, day);
				System.out.printf("fixture: %d accounts in %.1f s%n", accounts, (System.nanoTime() - t0) / 1e9);
			}
			else {
				// the changed pass's extra day of a previous run is taken back, so every run starts from the same rollups
				jdbc.sql("delete from usage_daily_event where workspace_id = ? and day > ?").param(workspace.value()).param(day).update();
				jdbc.sql("delete from usage_daily_user where workspace_id = ? and day > ?").param(workspace.value()).param(day).update();
			}
			// every subscription started within the last 120 days (also on a reused segments fixture: -Dbench.data=target/bench-data)
			if (jdbc.sql("update subscription set started_on = cast(:day as date) - (account_id % 120)::int"
					+ " where workspace_id = :ws and started_on is distinct from cast(:day as date) - (account_id % 120)::int")
				.param("day", day).param("ws", workspace.value()).update() > 0) {
				jdbc.sql("analyze subscription").update();
			}
			System.out.printf("%s; load %s%n", BenchServer.machine(), BenchServer.loadAverage());
			onboarding.savePlan(workspace, null, new OnboardingPlan("bench", "ベンチ", "Bench", "default", "", List.of(
					new Milestone("invite", "招待", "Invite", MilestoneKind.EVENT_COUNT, "Invite Sent", 1, 30, 7, false),
					new Milestone("reports", "レポート3回", "Reports x3", MilestoneKind.EVENT_COUNT, "Report Created", 3, 60,
							21, true),
					new Milestone("users", "3人", "Three users", MilestoneKind.ACTIVE_USERS, null, 3, 60, 30, false),
					new Milestone("kickoff", "キックオフ", "Kickoff", MilestoneKind.MANUAL, null, 1, 30, 7, false))));
			long reached = jdbc.sql("select count(*) from onboarding_progress where workspace_id = ?")
				.param(workspace.value()).query(Long.class).single();
			System.out.printf("milestones reached by the first pass: %d%n", reached);
			// the completion statement's plan (without running it), as the planner chooses it on this fixture
			jdbc.sql("explain " + COMPLETION_ALONE).param("ws", workspace.value()).param("from", LocalDate.of(1970, 1, 1))
				.param("to", day.plusDays(1)).query(String.class).list().forEach(System.out::println);
			List<Long> full = new ArrayList<>();
			List<Long> before = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				// the completion statement alone, from nothing reached, then the whole pass
				clear(jdbc, workspace);
				long b = System.nanoTime();
				int old = jdbc.sql(COMPLETION_ALONE).param("ws", workspace.value()).param("from", LocalDate.of(1970, 1, 1))
					.param("to", LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))).query((rs, n) -> 1).list().size();
				before.add((System.nanoTime() - b) / 1_000_000);
				System.out.printf("  completion statement alone, run %d: %d ms (%d completed)%n", i + 1,
						before.get(i), old);
				clear(jdbc, workspace);
				long t = System.nanoTime();
				OnboardingManagement.EvaluationResult result = onboarding.evaluate(workspace);
				full.add((System.nanoTime() - t) / 1_000_000);
				System.out.printf("  whole pass %d: %d ms (%d completed, %d overdue)%n", i + 1, full.get(i),
						result.completed(), result.overdue());
			}
			List<Long> again = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				long t = System.nanoTime();
				onboarding.evaluate(workspace);
				again.add((System.nanoTime() - t) / 1_000_000);
			}
			// one new day of rollups for every tenth account
			LocalDate today = day.plusDays(1);
			jdbc.sql("""
					insert into usage_daily_event (workspace_id, account_id, day, event_name, events, users)
					select workspace_id, account_id, :today, 'Report Created', 3, 1 from account
					where workspace_id = :ws and account_id % 10 = 0 on conflict do nothing""")
				.param("today", today).param("ws", workspace.value()).update();
			jdbc.sql("""
					insert into usage_daily_user (workspace_id, account_id, day, user_id, events)
					select workspace_id, account_id, :today, 'new-user', 3 from account
					where workspace_id = :ws and account_id % 10 = 0 on conflict do nothing""")
				.param("today", today).param("ws", workspace.value()).update();
			List<Long> changed = new ArrayList<>();
			int completed = 0;
			for (int i = 0; i < runs; i++) {
				long t = System.nanoTime();
				completed += onboarding.evaluateChanged(workspace, today, today).completed();
				changed.add((System.nanoTime() - t) / 1_000_000);
			}
			System.out.printf("completion statement alone, nothing reached yet: median %d ms (min %d, max %d)%n",
					median(before), Collections.min(before), Collections.max(before));
			System.out.printf("whole pass, nothing reached yet: median %d ms (min %d, max %d) over %d runs%n",
					median(full), Collections.min(full), Collections.max(full), runs);
			System.out.printf("whole pass, reached milestones kept: median %d ms over %d runs%n", median(again), runs);
			System.out.printf("changed pass (one day, 10%% of accounts): median %d ms over %d runs (%d completed)%n",
					median(changed), runs, completed);
			System.out.printf("load after: %s%n", BenchServer.loadAverage());
		}
	}

	private static void clear(JdbcClient jdbc, WorkspaceId workspace) {
		jdbc.sql("delete from onboarding_progress where workspace_id = ?").param(workspace.value()).update();
		jdbc.sql("delete from onboarding_overdue where workspace_id = ?").param(workspace.value()).update();
		jdbc.sql("update onboarding_account set first_value_on = null, completed_on = null where workspace_id = ?")
			.param(workspace.value()).update();
		jdbc.sql("vacuum analyze onboarding_progress").update();
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
