package io.kizuna.health.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.kizuna.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * A signal's evidence as the 360 page shows it: one labelled, formatted line per number, never the stored map. Each
 * key is named by its message {@code signal.evidence.<key>}; its value is formatted by what the key says it is (the
 * convention every rule's evidence follows, also a rule another module adds): {@code *_minor} money, {@code days_*}
 * and {@code *_days} days, {@code ratio} a share, {@code band} a band, an ISO date a date. A key without a message
 * reads "Other (key)", so an extension's code still never passes as a word.
 */
@Component
class SignalEvidence {

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private final MessageSource messages;

	private final Formats formats;

	SignalEvidence(MessageSource messages, Formats formats) {
		this.messages = messages;
		this.formats = formats;
	}

	/**
	 * A line of the evidence: what the number is, and the number in the reader's language; {@code data} when the value
	 * is the customer's own (a user id), shown as it is and marked so (translate="no").
	 */
	record Line(String label, String value, boolean data) {
	}

	List<Line> lines(Map<String, Object> evidence, String currency, Locale locale) {
		List<Line> lines = new ArrayList<>();
		evidence.forEach((key, value) -> {
			String shown = value(key, value, currency, locale);
			lines.add(new Line(label(key, locale), shown, value instanceof String text && text.equals(shown)));
		});
		return lines;
	}

	private String label(String key, Locale locale) {
		try {
			return messages.getMessage("signal.evidence." + key, null, locale);
		}
		catch (NoSuchMessageException unknown) {
			return messages.getMessage("signal.evidence.other", new Object[] { key }, locale);
		}
	}

	private String value(String key, Object value, String currency, Locale locale) {
		if (value == null || "null".equals(value) || "none".equals(value)) {
			return messages.getMessage("signal.evidence.none", null, locale);
		}
		if (value instanceof Number number) {
			if (key.endsWith("_minor")) {
				return formats.money(number.longValue(), currency);
			}
			if (key.startsWith("days_") || key.endsWith("_days")) {
				return messages.getMessage("signal.evidence.days", new Object[] { number.longValue() }, locale);
			}
			if (key.equals("ratio") || key.endsWith("_ratio")) {
				return formats.percent(number.doubleValue());
			}
			return formats.number(number);
		}
		String text = value.toString();
		if (ISO_DATE.matcher(text).matches()) {
			return formats.date(LocalDate.parse(text));
		}
		if (key.equals("band")) {
			return messages.getMessage("band." + text, null, text, locale);
		}
		return text;
	}
}
