package io.kizuna.support;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SLA watch and the reply outbox, cluster-safe as the other jobs (db-scheduler runs each on one node at a time;
 * the rows they take are locked with skip locked besides).
 */
@Configuration(proxyBeanMethods = false)
class SlaJobs {

	private static final Logger log = LoggerFactory.getLogger(SlaJobs.class);

	@Bean
	RecurringTask<Void> supportSlaWatch(TicketSla sla) {
		return Tasks.recurring("support-sla-watch", Schedules.fixedDelay(Duration.ofMinutes(1)))
			.execute((instance, context) -> {
				TicketSla.WatchRun run = sla.watch();
				if (run.warned() + run.breached() > 0) {
					log.info("SLA watch: {} warnings, {} breaches published", run.warned(), run.breached());
				}
			});
	}

	@Bean
	RecurringTask<Void> supportReplyOutbox(ReplyOutbox outbox) {
		return Tasks.recurring("support-reply-outbox", Schedules.fixedDelay(Duration.ofSeconds(5)))
			.execute((instance, context) -> {
				while (outbox.deliverDue(50) == 50) {
					// a full batch may leave more due
				}
			});
	}
}
