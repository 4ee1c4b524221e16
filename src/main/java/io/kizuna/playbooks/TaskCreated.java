package io.kizuna.playbooks;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Tasks were created (by hand, by import or by a playbook step batch): one event per batch. */
public record TaskCreated(WorkspaceId workspaceId, List<Long> taskIds, List<Long> accountIds, Long playbookId) {

	public TaskCreated {
		taskIds = List.copyOf(taskIds);
		accountIds = List.copyOf(accountIds);
	}
}
