package io.kizuna.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gathers the subscription changes of a transaction and publishes them as one {@link SubscriptionsChanged} per
 * workspace just before it commits: never one event per subscription when a caller writes many in one transaction.
 * Published inside the transaction, so the event publication registry stores it atomically with the changes.
 */
@Component
class SubscriptionChangeBatches {

	private final ApplicationEventPublisher events;

	SubscriptionChangeBatches(ApplicationEventPublisher events) {
		this.events = events;
	}

	void add(WorkspaceId workspace, SubscriptionsChanged.Change change) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			events.publishEvent(new SubscriptionsChanged(workspace, List.of(change)));
			return;
		}
		Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
		if (batch == null) {
			batch = new Batch();
			TransactionSynchronizationManager.bindResource(this, batch);
			TransactionSynchronizationManager.registerSynchronization(batch);
		}
		batch.changes.computeIfAbsent(workspace, w -> new ArrayList<>()).add(change);
	}

	/** One transaction's changes, by workspace. */
	private final class Batch implements TransactionSynchronization {

		private final Map<WorkspaceId, List<SubscriptionsChanged.Change>> changes = new LinkedHashMap<>();

		@Override
		public void beforeCommit(boolean readOnly) {
			changes.forEach((workspace, batch) -> events.publishEvent(new SubscriptionsChanged(workspace, batch)));
			changes.clear();
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(SubscriptionChangeBatches.this);
		}
	}
}
