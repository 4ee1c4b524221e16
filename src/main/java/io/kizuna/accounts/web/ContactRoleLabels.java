package io.kizuna.accounts.web;

import java.util.List;
import java.util.Locale;

import io.kizuna.accounts.ContactRoleOption;
import org.springframework.context.MessageSource;

/** The workspace's contact roles in the reader's language; a role no longer offered reads "Other (code)". */
record ContactRoleLabels(List<ContactRoleOption> options, Locale locale, MessageSource messages) {

	public String label(String code) {
		if (code == null) {
			return messages.getMessage("contact.role.none", null, locale);
		}
		return options.stream()
			.filter(option -> option.code().equals(code))
			.map(option -> option.label(locale))
			.findFirst()
			.orElseGet(() -> messages.getMessage("contact.role.other", new Object[] { code }, locale));
	}

	public String optionLabel(ContactRoleOption option) {
		return option.label(locale);
	}
}
