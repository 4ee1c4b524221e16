package io.kizuna.accounts;

import io.kizuna.shared.WorkspaceId;

/** A subscription took a new state: new, upgraded, downgraded, canceled or reactivated. */
public record SubscriptionChanged(WorkspaceId workspaceId, String subscriptionExternalId, String accountExternalId,
		SubscriptionStatus previousStatus, SubscriptionStatus status, long previousMrrMinor, long mrrMinor) {

	public boolean canceled() {
		return status == SubscriptionStatus.CANCELED && previousStatus != SubscriptionStatus.CANCELED;
	}
}
