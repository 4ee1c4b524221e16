package io.kizuna.health;

/** A saved segment as the lists offer it for filtering, read from what the segments module publishes. */
public record SegmentChoice(long id, String key, String name) {
}
