package io.kizuna.knowledge;

import java.time.Instant;

/** One language version of an article: its Markdown body, saved {@code version} times. */
public record Translation(String language, String title, String slug, String description, String body, int version,
		Instant updatedAt, String updatedBy) {
}
