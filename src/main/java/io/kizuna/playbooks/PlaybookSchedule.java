package io.kizuna.playbooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cluster-safe jobs (db-scheduler, one node per execution): due steps every 10 seconds; schedule (cron in the
 * workspace's time zone) and renewal triggers every minute; overdue tasks announced every 15 minutes.
 */
@Configuration(proxyBeanMethods = false)
class PlaybookSchedule {

	private static final Logger log = LoggerFactory.getLogger(PlaybookSchedule.class);

	@Bean
	RecurringTask<Void> playbookSteps(PlaybookManagement playbooks) {
		return Tasks.recurring("playbooks-steps", Schedules.fixedDelay(Duration.ofSeconds(10)))
			.execute((instance, context) -> playbooks.runDueSteps());
	}

	@Bean
	RecurringTask<Void> playbookOverdueTasks(OverdueTasks overdue) {
		return Tasks.recurring("playbooks-overdue-tasks", Schedules.fixedDelay(Duration.ofMinutes(15)))
			.execute((instance, context) -> overdue.announceAll());
	}

	@Bean
	RecurringTask<Void> playbookTimedTriggers(TimedTriggers triggers, WorkspaceManagement workspaces) {
		return Tasks.recurring("playbooks-timed-triggers", Schedules.fixedDelay(Duration.ofMinutes(1)))
			.execute((instance, context) -> {
				for (WorkspaceId workspace : workspaces.ids()) {
					try {
						triggers.run(workspace, Instant.now());
					}
					catch (RuntimeException e) {
						log.error("Timed playbook triggers of workspace {} failed; the next run retries", workspace, e);
					}
				}
			});
	}
}

/** Fires the schedule and renewal triggers of one workspace that are due. */
@org.springframework.stereotype.Component
class TimedTriggers {

	private final Playbooks playbooks;

	private final PlaybookManagement management;

	private final Candidates candidates;

	private final WorkspaceManagement workspaces;

	private final JdbcClient jdbc;

	TimedTriggers(Playbooks playbooks, PlaybookManagement management, Candidates candidates,
			WorkspaceManagement workspaces, JdbcClient jdbc) {
		this.playbooks = playbooks;
		this.management = management;
		this.candidates = candidates;
		this.workspaces = workspaces;
		this.jdbc = jdbc;
	}

	/** Returns how many accounts were enrolled. */
	int run(WorkspaceId workspace, Instant now) {
		ZoneId zone = workspaces.get(workspace).timeZone();
		int enrolled = 0;
		for (Playbook playbook : playbooks.active(workspace)) {
			PlaybookDefinition.Trigger trigger = playbook.definition().trigger();
			if (trigger.type().equals("schedule")) {
				Instant last = jdbc.sql("select coalesce(last_fired_at, updated_at) from playbooks_playbook where workspace_id = ? and playbook_id = ?")
					.params(workspace.value(), playbook.id()).query(java.sql.Timestamp.class).single().toInstant();
				ZonedDateTime next = BuiltInTriggers.cron(trigger.settings().get("cron")).next(last.atZone(zone));
				if (next != null && !next.toInstant().isAfter(now)) {
					// claim the occurrence: a second node (or run) finds it claimed
					int claimed = jdbc.sql("""
							update playbooks_playbook set last_fired_at = ? where workspace_id = ? and playbook_id = ?
							and coalesce(last_fired_at, updated_at) = ?""")
						.params(java.sql.Timestamp.from(now), workspace.value(), playbook.id(), java.sql.Timestamp.from(last))
						.update();
					if (claimed == 1) {
						String key = "schedule:" + next.toInstant();
						List<TriggerHit> hits = candidates.current(workspace, trigger).stream()
							.map(a -> new TriggerHit(a, key, Map.of(), Map.of("trigger", "schedule"))).toList();
						enrolled += management.enroll(workspace, playbook, hits, 0, "schedule");
					}
				}
			}
			else if (trigger.type().equals("renewal_within")) {
				int days = Integer.parseInt(trigger.settings().get("days"));
				List<TriggerHit> hits = candidates.renewals(workspace, days).stream()
					.map(r -> new TriggerHit(new AccountId(r.account()), "renewal:" + r.on(), Map.of("days", String.valueOf(days)),
							Map.of("trigger", "renewal_within", "renewal_on", r.on().toString())))
					.toList();
				enrolled += management.enroll(workspace, playbook, hits, 0, "renewal_within");
			}
		}
		if (enrolled > 0) {
			management.runDueSteps();
		}
		return enrolled;
	}
}
