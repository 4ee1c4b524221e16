package io.kizuna.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;
import org.apache.commons.csv.CSVRecord;

/**
 * One row of a file, by column name; any unusable value is an {@link InvalidInputException} naming its column,
 * which rejects the row. Targets read rows only through this, so none of them depends on the CSV library.
 */
public final class ImportRow {

	private final CSVRecord record;

	private final long line;

	ImportRow(CSVRecord record, long line) {
		this.record = record;
		this.line = line;
	}

	/** The line of the file the row starts on (the header is line 1). */
	public long line() {
		return line;
	}

	/** The trimmed value, null when the column is absent or empty. */
	public String value(String column) {
		if (!record.isMapped(column) || !record.isSet(column)) {
			return null;
		}
		String value = record.get(column).strip();
		return value.isEmpty() ? null : value;
	}

	public String required(String column) {
		String value = value(column);
		if (value == null) {
			throw new RowRejectedException(column + ": required", "import.reason.required", column);
		}
		return value;
	}

	/** YYYY-MM-DD or YYYY/MM/DD; null when empty. */
	public LocalDate date(String column) {
		String value = value(column);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.replace('/', '-'));
		}
		catch (DateTimeParseException ex) {
			throw new RowRejectedException(column + ": not a date (YYYY-MM-DD): " + value, "import.reason.notADate", column,
					value);
		}
	}

	/** Required; ISO-8601 with an offset, or without one meaning UTC. */
	public Instant instant(String column) {
		String value = required(column);
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				throw new RowRejectedException(column + ": not an ISO-8601 date-time: " + value,
						"import.reason.notADateTime", column, value);
			}
		}
	}

	/** The non-empty values of these columns, in their order: a row's custom attributes. */
	public Map<String, Object> values(Set<String> columns) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (String column : columns) {
			String value = value(column);
			if (value != null) {
				values.put(column, value);
			}
		}
		return values;
	}
}
