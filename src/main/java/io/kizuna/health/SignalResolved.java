package io.kizuna.health;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/** A signal's condition no longer holds for an account. */
public record SignalResolved(WorkspaceId workspaceId, AccountId accountId, SignalKind kind) {
}
