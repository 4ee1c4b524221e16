package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kizuna.shared.Money;

/** A row of the at-risk worklist: revenue at risk = ARR × (100 − score) / 100. */
public record AtRiskAccount(String externalId, String name, String tier, Long ownerUserId, Double score,
		String band, @JsonIgnore long arrMinor, @JsonIgnore String currency, @JsonIgnore long revenueAtRiskMinor,
		LocalDate renewalOn, List<SignalKind> signals) {

	/** ARR as money, as everywhere in the API. */
	@JsonProperty("arr")
	public Money arr() {
		return Money.of(arrMinor, currency);
	}

	@JsonProperty("revenueAtRisk")
	public Money revenueAtRisk() {
		return Money.of(revenueAtRiskMinor, currency);
	}
}
