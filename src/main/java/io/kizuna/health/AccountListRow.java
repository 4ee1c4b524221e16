package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

/** A row of the accounts list; the health fields are as of the last scoring run and null before the first. */
public record AccountListRow(String externalId, String name, String domain, String tier, String lifecycleStage,
		Long ownerUserId, Double score, String band, Long arrMinor, String currency, LocalDate renewalOn,
		LocalDate lastActiveOn, List<SignalKind> signals) {
}
