package io.kizuna.ltv;

import java.time.Instant;

import io.kizuna.shared.Money;

/** A stored purchase; {@code accountExternalId} and {@code contactExternalId} when the customer is linked. */
public record LoggedTransaction(String sourceId, String customerId, Instant occurredAt, Money amount,
		String accountExternalId, String contactExternalId) {
}
