package io.kizuna.messaging.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.shared.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The facades' violations ({@code field: what is wrong}) in the reader's language: each known wording has a message
 * key, the field its label; the template errors keep their line and variable.
 */
@Component
class ErrorMessages {

	private record Rule(Pattern pattern, String key) {
	}

	private static final List<Rule> RULES = List.of(
			new Rule(Pattern.compile("(\\w+): line (\\d+): unknown variable \\{\\{(.*)}}"), "messaging.error.unknownVariable"),
			new Rule(Pattern.compile("(\\w+): line (\\d+): invalid syntax: (.*)"), "messaging.error.syntaxAt"),
			new Rule(Pattern.compile("(\\w+): invalid syntax: (.*)"), "messaging.error.syntax"),
			new Rule(Pattern.compile("(\\w+): not an email address.*"), "messaging.error.address"),
			new Rule(Pattern.compile("url: .* resolves to (\\S+), an internal address.*"), "messaging.error.urlInternal"),
			new Rule(Pattern.compile("url: (.*)"), "messaging.error.url"),
			new Rule(Pattern.compile("events: unknown event type (.*)"), "messaging.error.unknownEvent"),
			new Rule(Pattern.compile("events: .*"), "messaging.error.events"),
			new Rule(Pattern.compile("(\\w+): required.*"), "messaging.error.required"),
			new Rule(Pattern.compile("(\\w+): .*"), "messaging.error.invalid"));

	private final MessageSource messages;

	ErrorMessages(MessageSource messages) {
		this.messages = messages;
	}

	List<String> describe(InvalidInputException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		List<String> raw = ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors();
		List<String> described = new ArrayList<>();
		for (String error : raw) {
			described.add(describe(error, locale));
		}
		return described;
	}

	String describe(String error, Locale locale) {
		for (Rule rule : RULES) {
			Matcher m = rule.pattern().matcher(error);
			if (m.matches()) {
				Object[] args = new Object[m.groupCount() + 1];
				for (int i = 1; i <= m.groupCount(); i++) {
					args[i - 1] = m.group(i);
				}
				if (m.groupCount() >= 1 && rule.pattern().pattern().startsWith("(\\w+)")) {
					args[0] = messages.getMessage("messaging.field." + m.group(1), null, m.group(1), locale);
				}
				args[m.groupCount()] = error;
				return messages.getMessage(rule.key(), args, error, locale);
			}
		}
		return messages.getMessage("messaging.error.generic", null, error, locale);
	}
}
