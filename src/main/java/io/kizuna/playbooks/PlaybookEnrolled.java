package io.kizuna.playbooks;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Accounts were enrolled in a playbook by one trigger occurrence: one event per batch, never one per account. */
public record PlaybookEnrolled(WorkspaceId workspaceId, long playbookId, String trigger, List<Long> accountIds) {

	public PlaybookEnrolled {
		accountIds = List.copyOf(accountIds);
	}
}
