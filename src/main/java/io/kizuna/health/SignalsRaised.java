package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/** Latent-bottleneck signals started to hold for accounts in a scoring run: one event per run. */
public record SignalsRaised(WorkspaceId workspaceId, LocalDate day, List<Raised> signals) {

	public SignalsRaised {
		signals = List.copyOf(signals);
	}

	/** A signal that now holds for an account. */
	public record Raised(AccountId accountId, SignalKind kind, String severity) {
	}
}
