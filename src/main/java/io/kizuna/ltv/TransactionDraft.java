package io.kizuna.ltv;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;

import io.kizuna.shared.InvalidInputException;

/**
 * A purchase to record. {@code sourceId} names the line in its source (a file line's digest, an order line id): a
 * second draft with the same source id in the same workspace is recognised and not stored again.
 */
public record TransactionDraft(String sourceId, String customerId, Instant occurredAt, long amountMinor,
		String currency) {

	/** Historical logs are common (CDNOW is 1997–98): anything since 1900 is a date a purchase can have. */
	static final java.time.LocalDate FIRST_DAY = java.time.LocalDate.of(1900, 1, 1);

	/** The invariant, a day early: 1900-01-01 in any zone is after it. {@link #inRange} checks the day exactly. */
	static final Instant EARLIEST = Instant.parse("1899-12-31T00:00:00Z");

	/**
	 * Refuses a purchase time outside 1900-01-01 … tomorrow, days counted where the source's time was local, naming
	 * it as its source wrote it (not as a UTC instant, which for 1899-12-31 in Tokyo would read 1899-12-30T15:00:00Z).
	 */
	public static Instant inRange(Instant at, java.time.ZoneId zone, String asWritten) {
		if (at.atZone(zone).toLocalDate().isBefore(FIRST_DAY) || at.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
			throw new InvalidInputException("date: between 1900-01-01 and tomorrow, not " + asWritten);
		}
		return at;
	}

	public TransactionDraft {
		if (sourceId == null || sourceId.isBlank() || sourceId.length() > 200) {
			throw new InvalidInputException("source id: 1 to 200 characters");
		}
		if (customerId == null || customerId.isBlank() || customerId.length() > 200) {
			throw new InvalidInputException("customer: 1 to 200 characters");
		}
		if (occurredAt == null || occurredAt.isBefore(EARLIEST)
				|| occurredAt.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
			throw new InvalidInputException("date: between 1900-01-01 and tomorrow");
		}
		// A purchase of 0 (a free order, a full discount) is still a purchase: BG/NBD counts it, Gamma-Gamma does not.
		if (amountMinor < 0) {
			throw new InvalidInputException("amount: must not be negative");
		}
		try {
			currency = Currency.getInstance(currency).getCurrencyCode();
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("currency: not an ISO 4217 code: " + currency);
		}
	}
}
