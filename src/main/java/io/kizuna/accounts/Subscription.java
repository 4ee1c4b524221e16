package io.kizuna.accounts;

import java.time.LocalDate;

import io.kizuna.shared.Money;

/** What an account pays for: plan, monthly recurring revenue, seats and where it stands. */
public record Subscription(long id, String externalId, String accountExternalId, String product, String plan,
		Money mrr, int seats, SubscriptionStatus status, LocalDate startedOn, LocalDate currentTermEnd,
		LocalDate canceledOn, String cancelReason) {
}
