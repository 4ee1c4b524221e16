package io.kizuna.shared.internal;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * db-scheduler, wired by hand (its Boot starter does not support Boot 4): every {@link Task} bean of any module
 * runs on exactly one node of the cluster per execution, coordinated through the {@code scheduled_tasks} table.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kizuna.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class ClusterJobsConfiguration {

	@Bean
	SmartLifecycle clusterJobs(DataSource dataSource, ObjectProvider<Task<?>> tasks) {
		return new SmartLifecycle() {

			private Scheduler scheduler;

			@Override
			public void start() {
				List<Task<?>> all = tasks.orderedStream().toList();
				List<RecurringTask<?>> recurring = all.stream()
					.filter(RecurringTask.class::isInstance)
					.<RecurringTask<?>>map(RecurringTask.class::cast)
					.toList();
				List<Task<?>> onDemand = all.stream().filter(task -> !(task instanceof RecurringTask)).toList();
				scheduler = Scheduler.create(dataSource, onDemand)
					.startTasks(recurring)
					.threads(2)
					.pollingInterval(Duration.ofSeconds(10))
					.alwaysPersistTimestampInUTC()
					.build();
				scheduler.start();
			}

			@Override
			public void stop() {
				if (scheduler != null) {
					scheduler.stop();
					scheduler = null;
				}
			}

			@Override
			public boolean isRunning() {
				return scheduler != null;
			}

			@Override
			public int getPhase() {
				// After the web server, before the data source goes away.
				return Integer.MAX_VALUE - 100;
			}
		};
	}
}
