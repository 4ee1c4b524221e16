package io.kizuna.accounts;

import java.time.Instant;

/**
 * A note a CSM wrote on an account; it counts as a CSM touch.
 *
 * @param authorUserId the user who wrote it on the web app, the only one who may edit or delete it; null for notes
 * written through the API or before authors were recorded
 * @param editedAt when its author last changed it, or null
 */
public record AccountNote(long id, String accountExternalId, String author, String body, Instant createdAt,
		Long authorUserId, Instant editedAt) {
}
