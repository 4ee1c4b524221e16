package io.kizuna.workspace;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Active write keys and the origins some key allows, kept in memory for at most {@link #BOUND} (ADR 0054): every
 * ingestion call names its key, and looking it up was a statement of its own per call. A key revoked, or its origins
 * changed, on this node is dropped from here when that change commits; on another node it is refused at most BOUND
 * after. Unknown keys are not kept, so a key just issued on any node works at once.
 */
@Component
class WriteKeyCache {

	/** How long a revocation made on another node may go unnoticed here. */
	static final Duration BOUND = Duration.ofSeconds(5);

	private final Cache<String, IngestionKey> byDigest = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(BOUND)
		.build();

	private final Cache<String, Boolean> originAllowed = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(BOUND)
		.build();

	/** The active key of this digest, from memory or {@code load} (which is not kept when it finds none). */
	Optional<IngestionKey> key(byte[] digest, Function<byte[], Optional<IngestionKey>> load) {
		String hex = HexFormat.of().formatHex(digest);
		IngestionKey cached = byDigest.getIfPresent(hex);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<IngestionKey> loaded = load.apply(digest);
		loaded.ifPresent(key -> byDigest.put(hex, key));
		return loaded;
	}

	boolean anyKeyAllows(String origin, Predicate<String> load) {
		return originAllowed.get(origin, load::test);
	}

	/** After the current transaction commits (now, without one): a key was revoked or its origins changed. */
	void forgetAll() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					clear();
				}
			});
		}
		// Also now: a lookup between now and the commit must not keep the old key for a whole BOUND afterwards.
		clear();
	}

	private void clear() {
		byDigest.invalidateAll();
		originAllowed.invalidateAll();
	}
}
