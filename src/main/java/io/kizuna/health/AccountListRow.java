package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

/**
 * A row of the accounts list; the health fields are as of the last scoring run and null before the first. {@code touch}
 * is the level the touch model last placed the account at (high, mid, tech; tech until it is placed).
 */
public record AccountListRow(String externalId, String name, String domain, String tier, String lifecycleStage,
		Long ownerUserId, Double score, String band, Long arrMinor, String currency, LocalDate renewalOn,
		LocalDate lastActiveOn, List<SignalKind> signals, String touch) {

	AccountListRow withTouch(String level) {
		return new AccountListRow(externalId, name, domain, tier, lifecycleStage, ownerUserId, score, band, arrMinor,
				currency, renewalOn, lastActiveOn, signals, level);
	}
}
