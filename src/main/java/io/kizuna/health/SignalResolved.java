package io.kizuna.health;

import io.kizuna.shared.WorkspaceId;

/** A signal's condition no longer holds for an account. */
public record SignalResolved(WorkspaceId workspaceId, long accountId, SignalKind kind) {
}
