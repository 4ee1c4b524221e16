package io.kizuna.calendars;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Japanese public holidays from {@code calendars/syukujitsu.csv}, the Cabinet Office's list (内閣府「国民の祝日」 CSV)
 * kept unchanged for the years it covers. Substitute holidays and the day between two holidays are in the list as
 * 「休日」, as the Cabinet Office publishes them; nothing is computed here.
 */
public final class JapaneseHolidays {

	private static final DateTimeFormatter OFFICIAL = DateTimeFormatter.ofPattern("uuuu/M/d");

	private static final NavigableMap<LocalDate, String> HOLIDAYS = load();

	private JapaneseHolidays() {
	}

	private static NavigableMap<LocalDate, String> load() {
		try (InputStream in = JapaneseHolidays.class.getResourceAsStream("/calendars/syukujitsu.csv")) {
			if (in == null) {
				throw new IllegalStateException("calendars/syukujitsu.csv is missing from the class path");
			}
			Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
			CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
				.setIgnoreEmptyLines(true).setTrim(true).get();
			TreeMap<LocalDate, String> holidays = new TreeMap<>();
			for (CSVRecord row : format.parse(reader)) {
				holidays.put(LocalDate.parse(row.get(0), OFFICIAL), row.get(1));
			}
			return Collections.unmodifiableNavigableMap(holidays);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The holidays of a year, in date order (empty for a year the list does not cover). */
	public static List<Holiday> of(int year) {
		return HOLIDAYS.subMap(LocalDate.of(year, 1, 1), true, LocalDate.of(year, 12, 31), true).entrySet().stream()
			.map(e -> new Holiday(e.getKey(), e.getValue()))
			.toList();
	}

	public static boolean isHoliday(LocalDate day) {
		return HOLIDAYS.containsKey(day);
	}

	/** Every holiday in the list. */
	public static Map<LocalDate, String> all() {
		return HOLIDAYS;
	}

	/** The first and last year the list covers. */
	public static int firstYear() {
		return HOLIDAYS.firstKey().getYear();
	}

	public static int lastYear() {
		return HOLIDAYS.lastKey().getYear();
	}
}
