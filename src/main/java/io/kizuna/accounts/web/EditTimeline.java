package io.kizuna.accounts.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.kizuna.accounts.AccountChange;
import io.kizuna.accounts.TimelineEntry;
import io.kizuna.accounts.Vocabulary;
import org.springframework.context.MessageSource;

/** The edits made on account 360 as timeline lines: who changed what from what to what, in the reader's language. */
record EditTimeline(MessageSource messages, Locale locale, ContactRoleLabels roles, Vocabulary tiers,
		Vocabulary stages) {

	List<TimelineEntry> entries(List<AccountChange> changes, ZoneId zone) {
		return changes.stream()
			.map(change -> new TimelineEntry(change.occurredAt().atZone(zone).toLocalDate(), "edit." + change.kind(),
					text(change), null, null))
			.toList();
	}

	private String text(AccountChange c) {
		String from = c.oldValue();
		String to = c.newValue();
		if (c.kind().equals("contact_role")) {
			from = roles.label(from);
			to = roles.label(to);
		}
		else if (c.kind().equals("tier") || c.kind().equals("stage")) {
			Vocabulary vocabulary = c.kind().equals("tier") ? tiers : stages;
			from = label(vocabulary, from);
			to = label(vocabulary, to);
		}
		Object[] args = { c.actor(), c.subject(), orNone(from), orNone(to) };
		return messages.getMessage("timeline.edit." + c.kind() + ".text", args, locale);
	}

	/** A code as its label, the way the page shows a code the workspace no longer defines. */
	private String label(Vocabulary vocabulary, String code) {
		if (code == null) {
			return null;
		}
		String label = vocabulary.label(code, locale);
		return label != null ? label : messages.getMessage("vocabulary.other", new Object[] { code }, locale);
	}

	private String orNone(String value) {
		return value == null ? messages.getMessage("timeline.edit.none", null, locale) : value;
	}
}
