package io.kizuna.workspace;

import java.util.Locale;

/** What a person may do in a workspace; see docs/security.md for the permission matrix. */
public enum Role {

	ADMIN, MANAGER, CSM, SUPPORT, VIEWER;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Role fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}
}
