package io.kizuna.segments;

/** What a user saves: a key (for a new segment), a name and the definition as text. */
public record SegmentDraft(String key, String name, String definition) {
}
