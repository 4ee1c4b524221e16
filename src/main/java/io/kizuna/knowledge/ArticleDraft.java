package io.kizuna.knowledge;

import java.util.List;

/** An article's settings: its category (or none), visibility ({@code public} or {@code internal}) and tags. */
public record ArticleDraft(Long categoryId, String visibility, List<String> tags) {
}
