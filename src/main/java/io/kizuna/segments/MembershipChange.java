package io.kizuna.segments;

import java.time.Instant;

/** One account's entry into or exit from a segment, when and why. */
public record MembershipChange(String accountExternalId, String accountName, boolean entered, Instant changedAt,
		EvaluationReason reason) {
}
