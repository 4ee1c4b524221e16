package io.kizuna.accounts;

import java.time.Instant;

/** A note a CSM wrote on an account; it counts as a CSM touch. */
public record AccountNote(long id, String accountExternalId, String author, String body, Instant createdAt) {
}
