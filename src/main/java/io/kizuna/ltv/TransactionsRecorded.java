package io.kizuna.ltv;

import io.kizuna.shared.WorkspaceId;

/** Purchases were added to a workspace's transaction log (one event per batch, not per purchase). */
public record TransactionsRecorded(WorkspaceId workspaceId, long stored) {
}
