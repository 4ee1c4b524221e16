package io.kizuna.messaging;

/** A template to save: key (lower-case, digits, dashes), language ja or en, name, subject and body. */
public record TemplateDraft(String key, String language, String name, String subject, String body) {
}
