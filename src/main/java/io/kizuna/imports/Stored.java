package io.kizuna.imports;

/** What storing a batch of rows did: new rows, and rows recognised as stored before. */
public record Stored(long imported, long duplicates) {
}
