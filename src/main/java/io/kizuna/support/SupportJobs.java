package io.kizuna.support;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cluster-safe jobs (db-scheduler runs each on one node at a time): the mail fetch and the auto-close. */
@Configuration(proxyBeanMethods = false)
class SupportJobs {

	@Bean
	RecurringTask<Void> supportMailFetch(MailChannels channels) {
		return Tasks.recurring("support-mail-fetch", Schedules.fixedDelay(Duration.ofSeconds(30)))
			.execute((instance, context) -> channels.fetchDue());
	}

	@Bean
	RecurringTask<Void> supportAutoClose(SupportDesk desk) {
		return Tasks.recurring("support-auto-close", Schedules.fixedDelay(Duration.ofHours(1)))
			.execute((instance, context) -> {
				for (long ws : desk.workspacesWithSolved()) {
					desk.autoClose(new WorkspaceId(ws));
				}
			});
	}
}
