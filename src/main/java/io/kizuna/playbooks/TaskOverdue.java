package io.kizuna.playbooks;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Open tasks passed their due day (in the workspace's time zone): one event per pass, each task once per due day. */
public record TaskOverdue(WorkspaceId workspaceId, List<Overdue> tasks) {

	public TaskOverdue {
		tasks = List.copyOf(tasks);
	}

	public record Overdue(long taskId, long accountId, LocalDate dueOn, Long assigneeUserId, Long playbookId) {
	}
}
