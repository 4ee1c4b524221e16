package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/**
 * Accounts' health bands changed between their previous snapshots and a scoring run's: one event per run, however
 * many accounts moved.
 */
public record HealthBandsChanged(WorkspaceId workspaceId, LocalDate day, List<Change> changes) {

	public HealthBandsChanged {
		changes = List.copyOf(changes);
	}

	/** One account's move from one band to another. */
	public record Change(AccountId accountId, HealthBand previousBand, HealthBand band, double score) {
	}
}
