package io.kizuna.revenue;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kizuna.shared.Money;

/**
 * A live subscription whose current term ends in the window, with the account's latest health.
 *
 * @param arrMinor the subscription's MRR × 12
 * @param healthBand red, yellow or green; null when the account has not been scored
 */
public record Renewal(String subscriptionExternalId, String accountExternalId, String accountName, Long ownerUserId,
		String ownerName,
		String plan, LocalDate renewsOn, @JsonIgnore long arrMinor, @JsonIgnore String currency, String status,
		Double healthScore, String healthBand) {

	/** ARR as money, as everywhere in the API. */
	@JsonProperty("arr")
	public Money arr() {
		return Money.of(arrMinor, currency);
	}
}
