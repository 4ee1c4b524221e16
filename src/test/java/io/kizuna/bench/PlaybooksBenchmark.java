package io.kizuna.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.kizuna.KizunaApplication;
import io.kizuna.playbooks.Playbook;
import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.playbooks.PlaybookDraft;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.TriggerHit;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Playbooks (issue 15): (1) one trigger occurrence enrolling 10,000 accounts, until their 10,000 tasks exist (fire →
 * set-based enrollment → step batch → tasks), median of runs, each on a fresh playbook; (2) the evaluation after a
 * scoring run of N accounts (default 100,000) with 20 active playbooks: the run's SignalsRaised (one signal per
 * account, five kinds) and HealthBandsChanged (a third of the accounts) handed to the playbooks as the listeners do,
 * until every day-0 task exists.
 *
 * bench/run.sh playbooks [accounts=100000] [runs=5] [enroll=10000]
 */
public final class PlaybooksBenchmark {

	static final List<String> KINDS = List.of("paying_idle", "seats_unused", "usage_falling", "onboarding_stalled",
			"renewal_at_risk");

	public static void main(String[] args) {
		int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		int enroll = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
			.web(WebApplicationType.NONE)
			.run("--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-playbooks").toAbsolutePath(),
					"--kizuna.embedded-postgres.clean=true", "--kizuna.scheduling.enabled=false", "--logging.level.root=WARN")) {
			WorkspaceManagement workspaces = app.getBean(WorkspaceManagement.class);
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			PlaybookManagement playbooks = app.getBean(PlaybookManagement.class);
			WorkspaceId workspace = workspaces.create(new NewWorkspace("bench", "Bench", "JPY", "Asia/Tokyo", "ja")).id();
			jdbc.sql("""
					insert into account (workspace_id, external_id, name, tier)
					select ?, 'acct-' || i, 'Account ' || i, (array['smb', 'mid-market', 'enterprise'])[1 + i % 3]
					from generate_series(1, ?) i""").params(workspace.value(), accounts).update();
			List<AccountId> ids = jdbc.sql("select account_id from account where workspace_id = ? order by account_id")
				.param(workspace.value()).query((rs, n) -> new AccountId(rs.getLong(1))).list();

			// (1) 10,000 enrolled by one occurrence → 10,000 tasks
			List<Double> enrollSeconds = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				Playbook playbook = active(playbooks, workspace, "enroll-" + run, "manual", Map.of(), null);
				List<TriggerHit> hits = new ArrayList<>(enroll);
				for (AccountId id : ids.subList(0, Math.min(enroll, ids.size()))) {
					hits.add(new TriggerHit(id, "bench:" + run, Map.of(), Map.of("trigger", "bench")));
				}
				long t0 = System.nanoTime();
				int enrolled = playbooks.fire(workspace, "manual", hits);
				double s = (System.nanoTime() - t0) / 1e9;
				long tasks = jdbc.sql("select count(*) from playbooks_task where workspace_id = ? and playbook_id = ?")
					.params(workspace.value(), playbook.id()).query(Long.class).single();
				System.out.printf("run %d: %d enrolled, %d tasks in %.2f s%n", run + 1, enrolled, tasks, s);
				enrollSeconds.add(s);
				playbooks.pause(workspace, playbook.id());
			}

			// (2) 20 active playbooks, then one scoring run's events
			List<String> types = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				if (i < 10) {
					active(playbooks, workspace, "signal-" + i, "signal_raised", Map.of("kind", KINDS.get(i % KINDS.size())),
							i % 2 == 0 ? null : "tier = \"enterprise\"");
					types.add("signal_raised");
				}
				else {
					String[] bands = { "green", "yellow", "red" };
					active(playbooks, workspace, "band-" + i, "band_changed", Map.of("to", bands[i % 3]),
							i % 2 == 0 ? null : "tier in (\"smb\", \"mid-market\")");
					types.add("band_changed");
				}
			}
			List<Double> evaluationSeconds = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				List<TriggerHit> signals = new ArrayList<>(ids.size());
				List<TriggerHit> bands = new ArrayList<>();
				String day = java.time.LocalDate.now().plusDays(run).toString();
				for (int i = 0; i < ids.size(); i++) {
					String kind = KINDS.get(i % KINDS.size());
					signals.add(new TriggerHit(ids.get(i), "signal:" + kind + ":" + day, Map.of("kind", kind, "severity", "high"),
							Map.of("trigger", "signal_raised", "kind", kind)));
					if (i % 3 == 0) {
						String to = List.of("green", "yellow", "red").get((i / 3) % 3);
						bands.add(new TriggerHit(ids.get(i), "band:x-" + to + ":" + day, Map.of("from", "x", "to", to),
								Map.of("trigger", "band_changed", "to", to)));
					}
				}
				long before = jdbc.sql("select count(*) from playbooks_task where workspace_id = ?").param(workspace.value())
					.query(Long.class).single();
				long t0 = System.nanoTime();
				int enrolled = playbooks.fire(workspace, "signal_raised", signals) + playbooks.fire(workspace, "band_changed", bands);
				double s = (System.nanoTime() - t0) / 1e9;
				long after = jdbc.sql("select count(*) from playbooks_task where workspace_id = ?").param(workspace.value())
					.query(Long.class).single();
				System.out.printf("evaluation %d: %d signals, %d band changes, %d enrolled, %d tasks in %.2f s%n", run + 1,
						signals.size(), bands.size(), enrolled, after - before, s);
				evaluationSeconds.add(s);
				// the next run is another day's occurrences: let every enrollment end so "once" does not refuse it
				long d0 = System.nanoTime();
				int deleted = jdbc.sql("delete from playbooks_enrollment where workspace_id = ?").param(workspace.value())
					.update();
				System.out.printf("cleanup: %d enrollments deleted (their step runs by cascade) in %.2f s%n", deleted,
						(System.nanoTime() - d0) / 1e9);
			}
			System.out.printf("%nmedian: %d enrolled → tasks %.2f s; evaluation of %d accounts × 20 playbooks %.2f s%n",
					enroll, median(enrollSeconds), accounts, median(evaluationSeconds));
		}
	}

	static Playbook active(PlaybookManagement playbooks, WorkspaceId workspace, String name, String trigger,
			Map<String, String> settings, String condition) {
		Playbook created = playbooks.create(workspace, new PlaybookDraft(name, new PlaybookDefinition(
				new PlaybookDefinition.Trigger(trigger, settings), condition, null, null,
				List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "{{account.name}}", "type", "risk"),
						false, null, null, null),
						new PlaybookDefinition.Step(7, "create_task", Map.of("title", "follow up", "assignee", "manager"),
								true, null, null, null)))));
		return playbooks.activate(workspace, created.id());
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
