package io.kizuna.workspace;

import java.time.Instant;

/** A write key or API token as lists show it: never the secret. */
public record KeySummary(long id, String name, String hint, String scope, Instant createdAt, Instant lastUsedAt,
		Instant revokedAt) {

	public boolean active() {
		return revokedAt == null;
	}
}
