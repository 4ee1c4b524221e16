package io.kizuna.calendars;

import java.util.List;

/** What a caller asks a calendar to be; {@code zone} is an IANA time-zone id. */
public record CalendarDraft(String key, String name, String zone, boolean japaneseHolidays, boolean isDefault,
		List<OpeningInterval> hours, List<Closure> closures) {
}
