package io.kizuna.messaging;

import java.time.Instant;

/**
 * One message in the outbox, as rendered: status {@code queued}, {@code sending}, {@code sent}, {@code retrying},
 * {@code failed} (with the reason) or {@code suppressed}; attempts counts the tries.
 */
public record OutboxMessage(long id, String messageKey, String accountExternalId, String toAddress, String toName,
		String fromName, String subject, String bodyText, String language, String status, int attempts,
		String lastError, Instant nextAttemptAt, Instant createdAt, Instant sentAt) {
}
