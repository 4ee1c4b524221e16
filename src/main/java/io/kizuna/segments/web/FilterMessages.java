package io.kizuna.segments.web;

import java.util.Arrays;
import java.util.Locale;

import io.kizuna.segments.FieldType;
import io.kizuna.segments.filter.FilterException;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/** A definition's error in the user's language: what is wrong, and at which character when that is known. */
@Component
class FilterMessages {

	private final MessageSource messages;

	FilterMessages(MessageSource messages) {
		this.messages = messages;
	}

	String describe(FilterException ex, Locale locale) {
		Object[] arguments = Arrays.stream(ex.arguments())
			.map(a -> a instanceof FieldType type
					? new DefaultMessageSourceResolvable("segments.type." + type.name().toLowerCase()) : a)
			.toArray();
		String message = messages.getMessage(ex.messageKey(), arguments, ex.messageKey(), locale);
		return ex.position() > 0 ? messages.getMessage("segments.filter.at", new Object[] { ex.position(), message },
				locale) : message;
	}

	String unknownAttribute(String key, Locale locale) {
		return messages.getMessage("segments.filter.unknownAttribute", new Object[] { key }, locale);
	}
}
