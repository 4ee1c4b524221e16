package io.kizuna.feedback.surveys;

import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.kizuna.feedback.SurveyDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cluster-safe jobs (db-scheduler, one node at a time): hand-off to the outbox, reminders, schedules. */
@Configuration(proxyBeanMethods = false)
class SurveyJobs {

	private static final Logger log = LoggerFactory.getLogger(SurveyJobs.class);

	@Bean
	RecurringTask<Void> surveyHandOff(SurveyDelivery delivery) {
		return Tasks.recurring("feedback-survey-handoff", Schedules.fixedDelay(Duration.ofSeconds(5)))
			.execute((instance, context) -> {
				int n = delivery.handOff();
				if (n > 0) {
					log.info("Surveys: {} invitations handed to the outbox", n);
				}
			});
	}

	@Bean
	RecurringTask<Void> surveyReminders(SurveyDelivery delivery) {
		return Tasks.recurring("feedback-survey-reminders", Schedules.fixedDelay(Duration.ofMinutes(15)))
			.execute((instance, context) -> delivery.remind(Instant.now()));
	}

	@Bean
	RecurringTask<Void> surveySchedules(SurveyDelivery delivery) {
		return Tasks.recurring("feedback-survey-schedules", Schedules.fixedDelay(Duration.ofMinutes(10)))
			.execute((instance, context) -> delivery.runSchedules(Instant.now()));
	}
}
