package io.kizuna.calendars;

import java.time.LocalDate;
import java.util.Objects;

/** Days a calendar is closed besides holidays, both ends included (e.g. 年末年始 Dec 29 – Jan 3). */
public record Closure(LocalDate from, LocalDate to, String name) {

	public Closure {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("a closure ends on or after its first day");
		}
	}

	public boolean covers(LocalDate day) {
		return !day.isBefore(from) && !day.isAfter(to);
	}
}
