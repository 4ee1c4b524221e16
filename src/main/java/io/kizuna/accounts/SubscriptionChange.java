package io.kizuna.accounts;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kizuna.shared.Money;

/** One state in a subscription's history; in JSON its MRR is money as everywhere in the API. */
public record SubscriptionChange(LocalDate effectiveOn, Instant recordedAt, String plan, @JsonIgnore long mrrMinor,
		@JsonIgnore String currency, int seats, SubscriptionStatus status) {

	@JsonProperty("mrr")
	public Money mrr() {
		return Money.of(mrrMinor, currency);
	}
}
