package io.kizuna.messaging;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Tasks in the webhook catalogue: {@code task.created}, {@code task.completed} and {@code task.overdue}, raised by
 * playbooks and forwarded by {@link TaskEventForwarding}.
 */
@Component
class TaskWebhookEvents implements WebhookEventSource {

	static final String CREATED = "task.created";

	static final String COMPLETED = "task.completed";

	static final String OVERDUE = "task.overdue";

	@Override
	public List<String> eventTypes() {
		return List.of(CREATED, COMPLETED, OVERDUE);
	}
}
