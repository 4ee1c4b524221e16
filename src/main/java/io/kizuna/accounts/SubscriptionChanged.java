package io.kizuna.accounts;

import io.kizuna.shared.WorkspaceId;

/**
 * A subscription's history recorded a new state — new, upgraded, downgraded, canceled, reactivated, a new term or
 * plan, or a state back-dated before today's (then the status and MRR here may be unchanged).
 */
public record SubscriptionChanged(WorkspaceId workspaceId, String subscriptionExternalId, String accountExternalId,
		SubscriptionStatus previousStatus, SubscriptionStatus status, long previousMrrMinor, long mrrMinor) {

	public boolean canceled() {
		return status == SubscriptionStatus.CANCELED && previousStatus != SubscriptionStatus.CANCELED;
	}
}
