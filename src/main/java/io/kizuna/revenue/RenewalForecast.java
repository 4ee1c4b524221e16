package io.kizuna.revenue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kizuna.shared.Money;

/**
 * Expected renewing ARR per month: Σ ARR × P(renew | the account's current health band).
 *
 * @param since outcomes were counted for renewals due from this day until the day before {@code asOf}
 * @param probabilities P(renew) per band, with the evidence behind each
 */
public record RenewalForecast(LocalDate asOf, LocalDate since, List<BandProbability> probabilities,
		List<Month> months) {

	/**
	 * @param band red, yellow, green, or none for accounts without a score
	 * @param outcomes renewals due in the past 12 months of accounts in this band 30 days before their due date
	 * @param source {@code observed} (renewed ÷ outcomes) or {@code prior} when fewer than
	 * {@link Renewals#MIN_OUTCOMES} outcomes
	 */
	public record BandProbability(String band, int outcomes, int renewed, double probability, String source) {

		/** Whether P(renew) is the stated prior rather than the band's observed rate. */
		public boolean prior() {
			return "prior".equals(source);
		}
	}

	/**
	 * Renewals due in a month, in one currency: their ARR and the expected renewing ARR.
	 *
	 * @param priorArrMinor the part of {@code arrMinor} whose band's P(renew) is the prior (too few outcomes); the
	 * rest is weighed by observed rates
	 */
	public record Month(YearMonth month, @JsonIgnore String currency, int renewals, @JsonIgnore long arrMinor,
			@JsonIgnore long expectedArrMinor, @JsonIgnore long priorArrMinor) {

		/** ARR as money, as everywhere in the API. */
		@JsonProperty("arr")
		public Money arr() {
			return Money.of(arrMinor, currency);
		}

		@JsonProperty("expectedArr")
		public Money expectedArr() {
			return Money.of(expectedArrMinor, currency);
		}

		@JsonProperty("priorArr")
		public Money priorArr() {
			return Money.of(priorArrMinor, currency);
		}
	}
}
