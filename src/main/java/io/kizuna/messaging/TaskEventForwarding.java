package io.kizuna.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskCompleted;
import io.kizuna.playbooks.TaskCreated;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.playbooks.TaskOverdue;
import io.kizuna.shared.WorkspaceId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Forwards playbooks' task events to webhook subscribers ({@link TaskWebhookEvents} lists the types) (one event per batch there; one delivery per task and subscription here). Each delivery's
 * key is the task and what happened to it, so a replayed event delivers nothing twice; nothing is read when nobody
 * subscribed to the type.
 */
@Component
class TaskEventForwarding {

	static final String CREATED = TaskWebhookEvents.CREATED;

	static final String COMPLETED = TaskWebhookEvents.COMPLETED;

	static final String OVERDUE = TaskWebhookEvents.OVERDUE;

	private final Webhooks webhooks;

	private final TaskManagement tasks;

	TaskEventForwarding(Webhooks webhooks, TaskManagement tasks) {
		this.webhooks = webhooks;
		this.tasks = tasks;
	}

	@ApplicationModuleListener
	void on(TaskCreated created) {
		if (!webhooks.subscribed(created.workspaceId(), CREATED)) {
			return;
		}
		forEachTask(created.workspaceId(), created.taskIds(),
				task -> publish(created.workspaceId(), CREATED, CREATED + ":" + task.id(), task, Map.of()));
	}

	@ApplicationModuleListener
	void on(TaskCompleted completed) {
		if (!webhooks.subscribed(completed.workspaceId(), COMPLETED)) {
			return;
		}
		Task task = tasks.get(completed.workspaceId(), completed.taskId());
		publish(completed.workspaceId(), COMPLETED, COMPLETED + ":" + task.id(), task,
				Map.of("outcome", completed.outcome()));
	}

	@ApplicationModuleListener
	void on(TaskOverdue overdue) {
		if (!webhooks.subscribed(overdue.workspaceId(), OVERDUE)) {
			return;
		}
		Map<Long, TaskOverdue.Overdue> byId = overdue.tasks().stream()
			.collect(Collectors.toMap(TaskOverdue.Overdue::taskId, Function.identity(), (a, b) -> a));
		forEachTask(overdue.workspaceId(), new ArrayList<>(byId.keySet()), task -> publish(overdue.workspaceId(),
				OVERDUE, OVERDUE + ":" + task.id() + ":" + byId.get(task.id()).dueOn(), task, Map.of()));
	}

	private void forEachTask(WorkspaceId workspace, List<Long> ids, java.util.function.Consumer<Task> action) {
		for (int i = 0; i < ids.size(); i += TaskManagement.MAX_LIST) {
			tasks.tasks(workspace, ids.subList(i, Math.min(ids.size(), i + TaskManagement.MAX_LIST))).forEach(action);
		}
	}

	private void publish(WorkspaceId workspace, String type, String key, Task task, Map<String, Object> extra) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("taskId", task.id());
		// Slack shows "message" under the event's label
		data.put("message", task.title());
		data.put("title", task.title());
		data.put("taskType", task.type());
		data.put("priority", task.priority());
		data.put("status", task.status());
		data.put("dueOn", task.dueOn().toString());
		if (task.assigneeUserId() != null) {
			data.put("assigneeUserId", task.assigneeUserId());
		}
		if (task.playbookId() != null) {
			data.put("playbookId", task.playbookId());
		}
		data.putAll(extra);
		webhooks.publish(workspace, new WebhookEvent(type, key, task.accountExternalId(), task.accountName(), data));
	}
}
