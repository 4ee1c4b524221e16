package io.kizuna.accounts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An account as it stood on a given day, from the subscription history: what scoring and back-tests read.
 *
 * @param status the best status of its subscriptions that day (active over past_due over trial over canceled), null
 * when it had none
 * @param mrrMinor the MRR of its live (not canceled) subscriptions that day
 * @param seats the seats of its live subscriptions that day
 * @param firstStartedOn when its first subscription started
 * @param nextRenewalOn the earliest renewal date of its live subscriptions
 * @param lastNoteAt the last CSM note before the day, null when none
 */
public record AccountState(long accountId, String externalId, String name, String tier, Long ownerUserId,
		SubscriptionStatus status, long mrrMinor, String currency, int seats, LocalDate firstStartedOn,
		LocalDate nextRenewalOn, LocalDate trialEndsOn, Instant lastNoteAt) {

	public boolean live() {
		return status != null && status != SubscriptionStatus.CANCELED;
	}
}
