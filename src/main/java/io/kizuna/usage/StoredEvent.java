package io.kizuna.usage;

import java.time.Instant;

/**
 * An event as stored, for reading back: {@code properties} and {@code context} are JSON text as jsonb keeps it.
 *
 * @param accountId null while the event has no account
 * @param writeKeyId the key the call came with; null for CSV imports
 */
public record StoredEvent(Instant receivedAt, Instant occurredAt, String messageId, String type, String name,
		String userId, String anonymousId, Long accountId, Long writeKeyId, String properties, String context) {
}
