package io.kizuna.accounts;

import java.time.Instant;
import java.util.Map;

/** A customer company. {@code externalId} is the id the customer's own systems use (Segment's groupId). */
public record Account(long id, String externalId, String name, String domain, String industry, String tier,
		Long ownerUserId, String lifecycleStage, String parentExternalId, Map<String, Object> attributes,
		Instant createdAt, Instant updatedAt) {
}
