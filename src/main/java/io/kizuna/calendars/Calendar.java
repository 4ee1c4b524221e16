package io.kizuna.calendars;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A stored business calendar of a workspace. */
public record Calendar(String key, String name, ZoneId zone, boolean japaneseHolidays, boolean isDefault,
		List<OpeningInterval> hours, List<Closure> closures, Instant updatedAt) {

	public Calendar {
		hours = List.copyOf(hours);
		closures = List.copyOf(closures);
	}

	/** The calendar's arithmetic. */
	public BusinessCalendar business() {
		return BusinessCalendar.of(zone, hours, japaneseHolidays, closures);
	}
}
