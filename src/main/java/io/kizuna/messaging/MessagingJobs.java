package io.kizuna.messaging;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox and the webhook deliveries are sent by two db-scheduler jobs: each runs on one node at a time, and the
 * rows they take are leased (claimed with {@code for update skip locked}), so a second node never takes them too.
 */
@Configuration(proxyBeanMethods = false)
class MessagingJobs {

	private static final Logger log = LoggerFactory.getLogger(MessagingJobs.class);

	@Bean
	RecurringTask<Void> sendOutbox(OutboundMail mail) {
		return Tasks.recurring("messaging-outbox", Schedules.fixedDelay(Duration.ofSeconds(2))).execute((instance, context) -> {
			int sent = mail.dispatch();
			if (sent > 0) {
				log.info("Outbox: {} messages sent", sent);
			}
		});
	}

	@Bean
	RecurringTask<Void> deliverWebhooks(Webhooks webhooks) {
		return Tasks.recurring("messaging-webhooks", Schedules.fixedDelay(Duration.ofSeconds(2))).execute((instance, context) -> {
			int delivered = webhooks.dispatch();
			if (delivered > 0) {
				log.info("Webhooks: {} deliveries made", delivered);
			}
		});
	}
}
