package io.kizuna.accounts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import io.kizuna.shared.WorkspaceId;

/** The account a 360 page is drawn for, with the reader's language and the workspace's clock. */
public record AccountView(WorkspaceId workspaceId, Account account, Locale locale, ZoneId zone) {

	/** Today in the workspace's time zone. */
	public LocalDate today() {
		return LocalDate.now(zone);
	}
}
