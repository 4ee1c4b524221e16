package io.kizuna.calendars;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Opening hours on one weekday, [opens, closes) in the calendar's time zone; {@code closes} 00:00 means the end of the
 * day (24:00). A night shift crossing midnight is written as two intervals on consecutive days.
 */
public record OpeningInterval(DayOfWeek day, LocalTime opens, LocalTime closes) {

	public OpeningInterval {
		Objects.requireNonNull(day, "day");
		Objects.requireNonNull(opens, "opens");
		Objects.requireNonNull(closes, "closes");
		if (!endOfDay(closes) && !opens.isBefore(closes)) {
			throw new IllegalArgumentException("an opening interval closes after it opens: " + opens + "–" + closes);
		}
	}

	static boolean endOfDay(LocalTime closes) {
		return closes.equals(LocalTime.MIDNIGHT);
	}

	/** 24:00 for the end of the day, otherwise HH:mm. */
	public String closesText() {
		return endOfDay(closes) ? "24:00" : closes.toString();
	}
}
