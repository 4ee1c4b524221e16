package io.kizuna.revenue;

import java.time.LocalDate;

/**
 * A live subscription whose current term ends in the window, with the account's latest health.
 *
 * @param arrMinor the subscription's MRR × 12
 * @param healthBand red, yellow or green; null when the account has not been scored
 */
public record Renewal(String subscriptionExternalId, String accountExternalId, String accountName, Long ownerUserId,
		String ownerName,
		String plan, LocalDate renewsOn, long arrMinor, String currency, String status, Double healthScore,
		String healthBand) {
}
