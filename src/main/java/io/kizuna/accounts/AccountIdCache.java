package io.kizuna.accounts;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kizuna.shared.WorkspaceId;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Account ids by external id, kept in memory (ADR 0054): ingestion looks up the same few hundred groups on every
 * call. An account is never deleted and its external id never changes, so an id once committed stays right on every
 * node and nothing needs invalidating; an id read inside a transaction is kept only once that transaction commits
 * (it may be the transaction's own new account, which a rollback takes back). The expiry only bounds memory and a
 * restore made while a node was running.
 */
final class AccountIdCache {

	record Key(long workspace, String externalId) {
	}

	private final Cache<Key, Long> ids = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	Long get(WorkspaceId workspace, String externalId) {
		return ids.getIfPresent(new Key(workspace.value(), externalId));
	}

	/** Keeps what was read, now or when the current transaction commits. */
	void keep(WorkspaceId workspace, Map<String, Long> found) {
		if (found.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			found.forEach((externalId, id) -> ids.put(new Key(workspace.value(), externalId), id));
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				found.forEach((externalId, id) -> ids.put(new Key(workspace.value(), externalId), id));
			}
		});
	}
}
