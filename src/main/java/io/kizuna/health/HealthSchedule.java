package io.kizuna.health;

import java.time.Duration;
import java.time.LocalDate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every hour, one node scores each workspace whose yesterday (in its own time zone) has no snapshot yet: daily
 * scores as of the end of the previous day, whatever the workspace's time zone.
 */
@Configuration(proxyBeanMethods = false)
class HealthSchedule {

	private static final Logger log = LoggerFactory.getLogger(HealthSchedule.class);

	@Bean
	RecurringTask<Void> dailyHealthScores(HealthScoring scoring, WorkspaceManagement workspaces, JdbcClient jdbc) {
		return Tasks.recurring("health-daily-scores", Schedules.fixedDelay(Duration.ofHours(1))).execute((instance, context) -> {
			int scored = 0;
			int accounts = 0;
			long started = System.nanoTime();
			for (WorkspaceId workspace : workspaces.ids()) {
				LocalDate yesterday = scoring.today(workspace).minusDays(1);
				boolean done = jdbc.sql("select exists (select 1 from health_snapshot where workspace_id = ? and day = ?)")
					.params(workspace.value(), yesterday)
					.query(Boolean.class)
					.single();
				if (!done) {
					try {
						accounts += scoring.recompute(workspace, yesterday).accounts();
						scored++;
					}
					catch (RuntimeException ex) {
						log.error("Scoring workspace {} for {} failed; the next run retries", workspace, yesterday, ex);
					}
				}
			}
			if (scored > 0) {
				log.info("Daily health scores: {} workspaces scored for their yesterday, {} accounts in {} ms", scored,
						accounts, (System.nanoTime() - started) / 1_000_000);
			}
		});
	}
}
