package io.kizuna.accounts;

import java.time.Instant;
import java.util.Map;

/** Fields to create or change a contact with; null leaves a field as it is, traits are merged. */
public record ContactDraft(String email, String name, String role, String accountExternalId, Instant seenAt,
		Map<String, Object> traits) {
}
