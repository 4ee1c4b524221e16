package io.kizuna.accounts;

import java.time.Instant;
import java.util.Map;

/**
 * A person at a customer; {@code externalId} is Segment's userId.
 *
 * @param role their job title, as Segment traits ({@code title}) and imports give it
 * @param accountRole the role the CS team marked them with for the account ({@link ContactRoleOption}: champion,
 * decision maker, ...), null when unmarked
 */
public record Contact(long id, String externalId, String email, String name, String role, String accountExternalId,
		Instant firstSeenAt, Instant lastSeenAt, Map<String, Object> traits, String accountRole) {
}
