package io.kizuna.health;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/** A latent-bottleneck signal started to hold for an account. */
public record SignalRaised(WorkspaceId workspaceId, AccountId accountId, SignalKind kind, String severity) {
}
