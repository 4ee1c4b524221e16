package io.kizuna.messaging;

import java.time.Instant;

/** An address no mail goes to any more: {@code unsubscribed} (by the recipient), {@code manual} or {@code bounced}. */
public record Suppression(String email, String reason, Instant createdAt) {
}
