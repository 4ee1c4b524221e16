package io.kizuna.workspace;

import java.time.Instant;
import java.util.List;

/** A write key or API token as lists show it: never the secret. API tokens have no allowed origins. */
public record KeySummary(long id, String name, String hint, String scope, Instant createdAt, Instant lastUsedAt,
		Instant revokedAt, List<String> allowedOrigins) {

	public boolean active() {
		return revokedAt == null;
	}
}
