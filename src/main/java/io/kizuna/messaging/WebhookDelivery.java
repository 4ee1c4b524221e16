package io.kizuna.messaging;

import java.time.Instant;

/**
 * One event sent (or to be sent) to one subscription: status {@code queued}, {@code sending}, {@code delivered},
 * {@code retrying} or {@code failed}, the receiver's last HTTP status and the reason of the last failure.
 */
public record WebhookDelivery(long id, long webhookId, String deliveryKey, String eventType, String payload,
		String status, int attempts, Integer responseStatus, String lastError, Instant nextAttemptAt,
		Instant createdAt, Instant deliveredAt) {
}
