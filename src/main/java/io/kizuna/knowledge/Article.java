package io.kizuna.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A knowledge-base article: one id for its ja and en versions (translations of each other; either may be missing),
 * visibility {@code public} (help center) or {@code internal} (agents only), status {@code draft},
 * {@code published} or {@code archived}.
 */
public record Article(long id, Long categoryId, String visibility, String status, List<String> tags,
		Instant createdAt, Instant updatedAt, Instant publishedAt, Map<String, Translation> translations) {

	public Article {
		tags = List.copyOf(tags);
		translations = Map.copyOf(translations);
	}

	public boolean isPublic() {
		return "public".equals(visibility);
	}

	public boolean isPublished() {
		return "published".equals(status);
	}

	/** The version in a language, or else the other one. */
	public Optional<Translation> in(String language) {
		Translation wanted = translations.get(language);
		if (wanted != null) {
			return Optional.of(wanted);
		}
		return translations.values().stream().findFirst();
	}

	/** The title to show in a language (the other language's when it is missing). */
	public String title(String language) {
		return in(language).map(Translation::title).orElse("#" + id);
	}
}
