package io.kizuna.accounts;

import java.time.Instant;
import java.util.Map;

/** A person at a customer; {@code externalId} is Segment's userId. */
public record Contact(long id, String externalId, String email, String name, String role, String accountExternalId,
		Instant firstSeenAt, Instant lastSeenAt, Map<String, Object> traits) {
}
