package io.kizuna.calendars;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;

/**
 * Days a calendar is closed besides holidays, both ends included. A yearly closure repeats on the same month-days
 * every year and may wrap over the new year (年末年始 Dec 29 – Jan 3 is {@code 12-29 … 01-03}).
 */
public record Closure(LocalDate from, LocalDate to, String name, boolean yearly) {

	public Closure {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("a closure ends on or after its first day");
		}
	}

	public Closure(LocalDate from, LocalDate to, String name) {
		this(from, to, name, false);
	}

	public boolean covers(LocalDate day) {
		if (!yearly) {
			return !day.isBefore(from) && !day.isAfter(to);
		}
		MonthDay d = MonthDay.from(day);
		MonthDay a = MonthDay.from(from);
		MonthDay b = MonthDay.from(to);
		return a.isAfter(b) ? !d.isBefore(a) || !d.isAfter(b) : !d.isBefore(a) && !d.isAfter(b);
	}
}
