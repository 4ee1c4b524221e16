package io.kizuna.health;

import java.time.LocalDate;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/** An account's health band changed between its previous snapshot and this one. */
public record HealthBandChanged(WorkspaceId workspaceId, AccountId accountId, LocalDate day,
		HealthBand previousBand, HealthBand band, double score) {
}
