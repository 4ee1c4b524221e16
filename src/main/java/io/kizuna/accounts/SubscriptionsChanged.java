package io.kizuna.accounts;

import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/**
 * Subscriptions' histories recorded new states — one event per transaction, however many subscriptions it changed
 * (an import or a load in one transaction publishes one). A state may be back-dated before today's: then the status
 * and MRR of a change may be as they were. Readers that must never miss a change written outside the application
 * read the accounts module's subscription change feed instead (ADR 0020).
 */
public record SubscriptionsChanged(WorkspaceId workspaceId, List<Change> changes) {

	public SubscriptionsChanged {
		changes = List.copyOf(changes);
	}

	/** One subscription's change: new, upgraded, downgraded, canceled, reactivated, a new term or plan. */
	public record Change(AccountId accountId, String subscriptionExternalId, SubscriptionStatus previousStatus,
			SubscriptionStatus status, long previousMrrMinor, long mrrMinor) {

		public boolean canceled() {
			return status == SubscriptionStatus.CANCELED && previousStatus != SubscriptionStatus.CANCELED;
		}
	}
}
