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
			List<Long> full = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				jdbc.sql("delete from onboarding_progress where workspace_id = ?").param(workspace.value()).update();
				jdbc.sql("delete from onboarding_overdue where workspace_id = ?").param(workspace.value()).update();
				jdbc.sql("update onboarding_account set first_value_on = null, completed_on = null where workspace_id = ?")
					.param(workspace.value()).update();
				jdbc.sql("vacuum analyze onboarding_progress").update();
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
			System.out.printf("whole pass, nothing reached yet: median %d ms (min %d, max %d) over %d runs%n",
					median(full), Collections.min(full), Collections.max(full), runs);
			System.out.printf("whole pass, reached milestones kept: median %d ms over %d runs%n", median(again), runs);
			System.out.printf("changed pass (one day, 10%% of accounts): median %d ms over %d runs (%d completed)%n",
					median(changed), runs, completed);
			System.out.printf("load after: %s%n", BenchServer.loadAverage());
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
