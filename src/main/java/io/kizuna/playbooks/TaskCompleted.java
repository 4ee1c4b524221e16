package io.kizuna.playbooks;

import io.kizuna.shared.WorkspaceId;

/** A task was completed with an outcome. */
public record TaskCompleted(WorkspaceId workspaceId, long taskId, long accountId, String outcome, Long playbookId) {
}
