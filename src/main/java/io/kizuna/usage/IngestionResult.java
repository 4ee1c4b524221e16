package io.kizuna.usage;

/** How many messages of a call were new and how many had been stored before (same messageId). */
public record IngestionResult(int stored, int duplicates) {
}
