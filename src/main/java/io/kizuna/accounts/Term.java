package io.kizuna.accounts;

import java.util.Locale;

/** One value of a vocabulary: the code stored on accounts and in files, and what a reader sees in ja or en. */
public record Term(String code, String labelJa, String labelEn) {

	public String label(Locale locale) {
		return locale != null && "ja".equals(locale.getLanguage()) ? labelJa : labelEn;
	}
}
