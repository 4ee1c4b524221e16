package io.kizuna.messaging;

import java.time.Instant;

/** An email template in one language, its subject and body in Mustache ({@code {{account.name}}}). */
public record MailTemplate(long id, String key, String language, String name, String subject, String body,
		Instant updatedAt) {
}
