package io.kizuna.workspace;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

import io.kizuna.shared.WorkspaceId;

/** A tenant: its currency, the time zone its days are cut in, and its default language. */
public record Workspace(WorkspaceId id, String slug, String name, Currency currency, ZoneId timeZone, Locale locale) {
}
