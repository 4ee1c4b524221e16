package io.kizuna.knowledge;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cluster-safe jobs (db-scheduler runs each on one node at a time): pruning the change log the nodes' indexes follow
 * (ADR 0122). A node counts as live for a day after its last heartbeat; changes of the last ten minutes are kept for
 * the index's look-back at late commits.
 */
@Configuration(proxyBeanMethods = false)
class KnowledgeJobs {

	static final Duration LIVE = Duration.ofDays(1);

	static final Duration KEEP = Duration.ofMinutes(10);

	@Bean
	RecurringTask<Void> knowledgeChangePruning(Articles articles) {
		return Tasks.recurring("knowledge-change-pruning", Schedules.fixedDelay(Duration.ofHours(1)))
			.execute((instance, context) -> articles.prune(LIVE, KEEP));
	}
}
