package io.kizuna.journeys.web;

import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.Term;
import org.springframework.context.MessageSource;

/** A stage code as words: its label in the reader's language, "Other (code)" for a code the workspace lacks. */
public record StageLabels(Map<String, Term> terms, Locale locale, MessageSource messages) {

	public String of(String code) {
		if (code == null) {
			return messages.getMessage("journeys.stage.none", null, locale);
		}
		Term term = terms.get(code);
		return term != null ? term.label(locale) : messages.getMessage("journeys.stage.other", new Object[] { code }, locale);
	}
}
