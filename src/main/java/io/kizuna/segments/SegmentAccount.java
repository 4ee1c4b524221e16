package io.kizuna.segments;

/** An account as a segment lists it. */
public record SegmentAccount(String externalId, String name, String tier) {
}
