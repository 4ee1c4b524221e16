package io.kizuna.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.kizuna.KizunaApplication;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSettings;
import io.kizuna.health.RescoreResult;
import io.kizuna.health.SignalThresholds;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Full rescoring of N accounts (default 100,000) with 90 days of daily rollups. The fixture is written straight
 * into the rollup tables with generate_series (what ingestion would produce, minus the raw events), then
 * {@link HealthScoring#recompute} runs several times and the median is reported.
 *
 * bench/run.sh rescoring [accounts] [runs]; with -Dbench.reuse=true (BENCH_REUSE=1) the previous fixture is kept
 */
public final class RescoringBenchmark {

	public static void main(String[] args) {
		int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
			.web(WebApplicationType.NONE)
			.run("--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-data").toAbsolutePath(),
					"--kizuna.embedded-postgres.clean=" + !Boolean.getBoolean("bench.reuse"), "--kizuna.scheduling.enabled=false",
					"--logging.level.root=WARN", "--logging.level.io.kizuna.health=INFO")) {
			WorkspaceManagement workspaces = app.getBean(WorkspaceManagement.class);
			boolean reuse = workspaces.findBySlug("bench").isPresent();
			WorkspaceId workspace = reuse ? workspaces.findBySlug("bench").get().id()
					: workspaces.create(new NewWorkspace("bench", "Bench", "JPY", "Asia/Tokyo", "ja")).id();
			app.getBean(HealthAdministration.class).saveSettings(workspace,
					new HealthSettings(List.of("Report Created", "Integration Connected"), SignalThresholds.defaults()));
			HealthScoring scoring = app.getBean(HealthScoring.class);
			LocalDate day = scoring.today(workspace).minusDays(1);
			long t0 = System.nanoTime();
			if (!reuse) {
				Fixture.load(app.getBean(JdbcClient.class), workspace, accounts, day);
			}
			System.out.printf("fixture: %d accounts, 90 days of rollups in %.1f s%n", accounts,
					(System.nanoTime() - t0) / 1e9);
			List<Long> times = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				RescoreResult result = scoring.recompute(workspace, day);
				times.add(result.millis());
				System.out.printf("run %d: %d ms, bands %s, signals raised %d%n", i + 1, result.millis(), result.bands(),
						result.signalsRaised());
			}
			Collections.sort(times);
			System.out.printf("rescoring %d accounts: median %d ms (min %d, max %d) over %d runs%n", accounts,
					times.get(times.size() / 2), times.get(0), times.get(times.size() - 1), runs);
		}
	}

	/** Accounts, subscriptions and rollups shaped like a real workspace: most accounts active, some idle. */
	static final class Fixture {

		static void load(JdbcClient jdbc, WorkspaceId workspace, int accounts, LocalDate day) {
			Map<String, Object> p = Map.of("ws", workspace.value(), "n", accounts, "day", day);
			jdbc.sql("""
					insert into account (workspace_id, external_id, name, tier)
					select :ws, 'acct-' || i, 'Account ' || i, (array['smb', 'mid-market', 'enterprise'])[1 + i % 3]
					from generate_series(1, :n) i""").params(p).update();
			jdbc.sql("""
					insert into subscription (workspace_id, external_id, account_id, plan, mrr_minor, currency, seats,
					                          status, started_on, current_term_end)
					select :ws, 'sub-' || a.external_id, a.account_id, 'Standard', 3000 * (5 + a.account_id % 20), 'JPY',
					       5 + a.account_id % 20, 'active', cast(:day as date) - 400 + (a.account_id % 300)::int,
					       cast(:day as date) + (a.account_id % 365)::int
					from account a where a.workspace_id = :ws""").params(p).update();
			jdbc.sql("""
					insert into subscription_change (workspace_id, subscription_id, account_id, effective_on, plan, mrr_minor,
					                                 currency, seats, status, current_term_end)
					select workspace_id, subscription_id, account_id, started_on, plan, mrr_minor, currency, seats, status,
					       current_term_end
					from subscription where workspace_id = :ws""").params(p).update();
			// Active on about 60% of days; one account in ten went idle 30 days ago.
			jdbc.sql("""
					insert into usage_daily_user (workspace_id, account_id, day, user_id, events)
					select :ws, a.account_id, cast(:day as date) - d, 'u' || u, 1 + (a.account_id + d + u) % 9
					from account a, generate_series(0, 89) d, generate_series(1, 3) u
					where a.workspace_id = :ws and (a.account_id + d * 7 + u) % 5 < 3
					  and (a.account_id % 10 <> 0 or d > 30) and u <= 1 + a.account_id % 3""").params(p).update();
			jdbc.sql("""
					insert into usage_daily (workspace_id, account_id, day, events, active_users, sessions)
					select workspace_id, account_id, day, sum(events), count(*), count(*)
					from usage_daily_user where workspace_id = :ws group by workspace_id, account_id, day""")
				.params(p)
				.update();
			jdbc.sql("""
					insert into usage_daily_event (workspace_id, account_id, day, event_name, events, users)
					select workspace_id, account_id, day,
					       (array['Report Created', 'Dashboard Viewed', 'Integration Connected', 'Login', 'Export Downloaded',
					              'Invite Sent', 'Comment Added', 'Search Performed'])[1 + (account_id + (day - date '2000-01-01')) % 8],
					       events, active_users
					from usage_daily where workspace_id = :ws""").params(p).update();
			jdbc.sql("analyze").update();
		}
	}
}
