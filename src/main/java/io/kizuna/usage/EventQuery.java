package io.kizuna.usage;

/**
 * What the live events page filters on; null means any. {@code user} matches the userId or the anonymousId.
 */
public record EventQuery(Long writeKeyId, String type, String eventName, String user) {
}
