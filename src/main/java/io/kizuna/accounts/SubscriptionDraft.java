package io.kizuna.accounts;

import java.time.LocalDate;

/**
 * A new state of a subscription. {@code effectiveOn} is the day the change took effect (today when null); history
 * is kept per change so MRR movements can be derived. On update, null fields keep their value.
 */
public record SubscriptionDraft(String accountExternalId, String product, String plan, Long mrrMinor,
		String currency, Integer seats, String status, LocalDate startedOn, LocalDate currentTermEnd,
		LocalDate canceledOn, String cancelReason, LocalDate effectiveOn) {
}
