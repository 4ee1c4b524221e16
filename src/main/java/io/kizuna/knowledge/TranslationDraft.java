package io.kizuna.knowledge;

/** A language version as an editor writes it: title, optional slug and description, Markdown body. */
public record TranslationDraft(String title, String slug, String description, String body) {
}
