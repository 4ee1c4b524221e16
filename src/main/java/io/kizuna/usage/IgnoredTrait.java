package io.kizuna.usage;

/**
 * A trait of a group call left off the account: the workspace has no such tier or lifecycle stage (ADR 0028). The
 * rest of the call was applied.
 */
public record IgnoredTrait(String messageId, String trait, String value) {
}
