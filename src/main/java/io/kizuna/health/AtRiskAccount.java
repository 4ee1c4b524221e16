package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

/** A row of the at-risk worklist: revenue at risk = ARR × (100 − score) / 100. */
public record AtRiskAccount(String externalId, String name, String tier, Long ownerUserId, Double score,
		String band, long arrMinor, String currency, long revenueAtRiskMinor, LocalDate renewalOn,
		List<SignalKind> signals) {
}
