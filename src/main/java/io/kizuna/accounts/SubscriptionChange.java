package io.kizuna.accounts;

import java.time.Instant;
import java.time.LocalDate;

/** One state in a subscription's history. */
public record SubscriptionChange(LocalDate effectiveOn, Instant recordedAt, String plan, long mrrMinor,
		String currency, int seats, SubscriptionStatus status) {
}
