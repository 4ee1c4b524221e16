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

	static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	public TransactionDraft {
		if (sourceId == null || sourceId.isBlank() || sourceId.length() > 200) {
			throw new InvalidInputException("source id: 1 to 200 characters");
		}
		if (customerId == null || customerId.isBlank() || customerId.length() > 200) {
			throw new InvalidInputException("customer: 1 to 200 characters");
		}
		if (occurredAt == null || occurredAt.isBefore(EARLIEST)
				|| occurredAt.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
			throw new InvalidInputException("date: between 2000-01-01 and tomorrow, not " + occurredAt);
		}
		if (amountMinor <= 0) {
			throw new InvalidInputException("amount: must be positive");
		}
		try {
			currency = Currency.getInstance(currency).getCurrencyCode();
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("currency: not an ISO 4217 code: " + currency);
		}
	}
}
