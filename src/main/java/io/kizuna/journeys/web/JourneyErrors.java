package io.kizuna.journeys.web;

import java.util.Locale;

import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A journeys error in the reader's language: our message keys, the vocabulary's, and filter-language errors. */
@Component
class JourneyErrors {

	private final MessageSource messages;

	private final SegmentManagement segments;

	JourneyErrors(MessageSource messages, SegmentManagement segments) {
		this.messages = messages;
		this.segments = segments;
	}

	String describe(RuntimeException ex, Locale locale) {
		if (ex instanceof InvalidInputException invalid && !invalid.errors().isEmpty()) {
			return String.join(" ", invalid.errors().stream()
				.map(key -> messages.getMessage(key, null, key, locale)).toList());
		}
		String message = ex.getMessage() == null ? "" : ex.getMessage();
		if (message.startsWith("journeys.") || message.startsWith("vocabulary.")) {
			return messages.getMessage(message, null, message, locale);
		}
		if (ex instanceof InvalidInputException invalid) {
			return segments.describe(invalid, locale);
		}
		return message;
	}
}
