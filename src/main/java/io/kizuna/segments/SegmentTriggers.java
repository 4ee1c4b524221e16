package io.kizuna.segments;

import java.util.List;

import io.kizuna.accounts.AccountsChanged;
import io.kizuna.accounts.SubscriptionsChanged;
import io.kizuna.health.WorkspaceRescored;
import io.kizuna.shared.AccountId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps membership current (ADR 0052): after each scoring run every saved segment is re-evaluated; after accounts
 * or their subscriptions change, only those accounts are. Delivered again after a restart if unfinished; an
 * evaluation is idempotent (it moves members to what the definition matches).
 */
@Component
class SegmentTriggers {

	private final Memberships memberships;

	private final TouchModelManagement touch;

	SegmentTriggers(Memberships memberships, TouchModelManagement touch) {
		this.memberships = memberships;
		this.touch = touch;
	}

	@ApplicationModuleListener
	void on(WorkspaceRescored rescored) {
		memberships.evaluateAll(rescored.workspaceId(), EvaluationReason.SCORED, null);
		// after the segments: a touch rule may name one (ADR 0037)
		touch.assign(rescored.workspaceId(), null);
	}

	@ApplicationModuleListener
	void on(AccountsChanged changed) {
		memberships.evaluateAll(changed.workspaceId(), EvaluationReason.ACCOUNT_CHANGED, changed.accountIds());
		touch.assign(changed.workspaceId(), changed.accountIds());
	}

	@ApplicationModuleListener
	void on(SubscriptionsChanged changed) {
		List<AccountId> accounts = changed.changes().stream().map(SubscriptionsChanged.Change::accountId).distinct()
			.toList();
		memberships.evaluateAll(changed.workspaceId(), EvaluationReason.ACCOUNT_CHANGED, accounts);
		touch.assign(changed.workspaceId(), accounts);
	}
}
