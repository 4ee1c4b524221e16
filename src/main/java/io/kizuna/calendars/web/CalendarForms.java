package io.kizuna.calendars.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kizuna.calendars.Closure;
import io.kizuna.calendars.OpeningInterval;
import io.kizuna.shared.InvalidInputException;

/** Opening hours and closures as text and JSON fields: "09:00-12:00, 13:00-18:00"; "12-29..01-03 年末年始". */
final class CalendarForms {

	static final int MAX_TEXT = 8000;

	private CalendarForms() {
	}

	/** One weekday's intervals, comma separated; empty means closed. */
	static List<OpeningInterval> day(DayOfWeek day, String text) {
		List<OpeningInterval> result = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return result;
		}
		if (text.length() > 400) {
			throw invalid("hours: at most 400 characters a day");
		}
		for (String part : text.split("[,、，]")) {
			if (part.isBlank()) {
				continue;
			}
			String[] ends = part.strip().split("\\s*[-–~～]\\s*");
			if (ends.length != 2) {
				throw invalid("hours: write intervals as 09:00-18:00");
			}
			result.add(interval(day, ends[0], ends[1]));
		}
		return result;
	}

	static OpeningInterval interval(DayOfWeek day, String opens, String closes) {
		try {
			LocalTime o = time(opens);
			LocalTime c = "24:00".equals(closes == null ? null : closes.strip()) ? LocalTime.MIDNIGHT : time(closes);
			if (c.equals(LocalTime.MIDNIGHT) && !"24:00".equals(closes.strip())) {
				throw invalid("hours: an interval closes after it opens (24:00 for midnight)");
			}
			return new OpeningInterval(day, o, c);
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw invalid("hours: write intervals as 09:00-18:00");
		}
		catch (IllegalArgumentException ex) {
			throw invalid("hours: an interval closes after it opens (24:00 for midnight)");
		}
	}

	private static LocalTime time(String text) {
		String t = text.strip();
		if (t.matches("\\d:\\d\\d")) {
			t = "0" + t;
		}
		return LocalTime.parse(t);
	}

	static String dayText(List<OpeningInterval> hours, DayOfWeek day) {
		return String.join(", ", hours.stream().filter(h -> h.day() == day)
			.map(h -> h.opens() + "-" + h.closesText()).toList());
	}

	/** Closures one a line: {@code 2026-08-13..2026-08-16 夏季休業} once, {@code 12-29..01-03 年末年始} every year. */
	static List<Closure> closures(String text) {
		List<Closure> result = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return result;
		}
		if (text.length() > MAX_TEXT) {
			throw invalid("closures: at most " + MAX_TEXT + " characters");
		}
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.strip().split("\\s+", 2);
			String[] range = parts[0].split("\\.\\.");
			if (parts.length != 2 || range.length > 2) {
				throw invalid("closures: one a line, 2026-08-13..2026-08-16 name or 12-29..01-03 name");
			}
			String from = range[0];
			String to = range.length == 2 ? range[1] : range[0];
			try {
				if (from.matches("\\d\\d-\\d\\d") && to.matches("\\d\\d-\\d\\d")) {
					// a yearly closure, kept as dates in 2000 (a leap year) and 2001 when it wraps
					LocalDate a = LocalDate.parse("2000-" + from);
					LocalDate b = LocalDate.parse("2000-" + to);
					result.add(new Closure(a, b.isBefore(a) ? b.plusYears(1) : b, parts[1].strip(), true));
				}
				else {
					result.add(new Closure(LocalDate.parse(from), LocalDate.parse(to), parts[1].strip(), false));
				}
			}
			catch (DateTimeParseException | IllegalArgumentException ex) {
				throw invalid("closures: one a line, 2026-08-13..2026-08-16 name or 12-29..01-03 name");
			}
		}
		return result;
	}

	static String closuresText(List<Closure> closures) {
		return String.join("\n", closures.stream().map(CalendarForms::closureText).toList());
	}

	static String closureText(Closure c) {
		String range = c.yearly() ? c.from().toString().substring(5) + ".." + c.to().toString().substring(5)
				: c.from() + ".." + c.to();
		return range + " " + c.name();
	}

	static DayOfWeek weekday(String text) {
		try {
			return DayOfWeek.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (RuntimeException ex) {
			throw invalid("hours: day is one of MONDAY … SUNDAY");
		}
	}

	static InvalidInputException invalid(String error) {
		return new InvalidInputException("invalid calendar", List.of(error));
	}
}
