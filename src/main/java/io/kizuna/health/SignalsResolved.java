package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/** Signals' conditions no longer hold for accounts in a scoring run: one event per run. */
public record SignalsResolved(WorkspaceId workspaceId, LocalDate day, List<Resolved> signals) {

	public SignalsResolved {
		signals = List.copyOf(signals);
	}

	/** A signal that no longer holds for an account. */
	public record Resolved(AccountId accountId, SignalKind kind) {
	}
}
