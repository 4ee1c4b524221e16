package io.kizuna.segments;

import java.time.Instant;

/** A saved segment: its key (how definitions and the API name it), its name, its definition as text, its size. */
public record Segment(long id, String key, String name, String definition, int memberCount, Instant evaluatedAt,
		Instant updatedAt) {
}
