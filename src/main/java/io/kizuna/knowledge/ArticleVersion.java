package io.kizuna.knowledge;

import java.time.Instant;

/** A saved version of one language of an article. */
public record ArticleVersion(String language, int version, String title, String body, Instant savedAt, String savedBy,
		String note) {
}
