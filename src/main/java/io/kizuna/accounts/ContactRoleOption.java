package io.kizuna.accounts;

import java.util.List;
import java.util.Locale;

/** A role a workspace marks contacts with, such as champion, with its labels in both languages. */
public record ContactRoleOption(String code, String labelJa, String labelEn) {

	/** What "champion gone" looks for first (health's BuiltInSignals). */
	public static final String CHAMPION = "champion";

	/** The roles a workspace has until it defines its own. */
	public static final List<ContactRoleOption> STANDARD = List.of(
			new ContactRoleOption(CHAMPION, "チャンピオン（推進者）", "Champion"),
			new ContactRoleOption("decision_maker", "意思決定者", "Decision maker"),
			new ContactRoleOption("admin", "管理者", "Admin"),
			new ContactRoleOption("user", "利用者", "User"));

	public String label(Locale locale) {
		return "ja".equals(locale.getLanguage()) ? labelJa : labelEn;
	}
}
