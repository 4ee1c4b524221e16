package io.kizuna.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;
import org.apache.commons.csv.CSVRecord;

/** Turns CSV rows into the customer model's drafts; any unusable value is an InvalidInputException naming it. */
final class RowMapping {

	private RowMapping() {
	}

	static AccountDraft account(CSVRecord row, Set<String> extraColumns) {
		return new AccountDraft(value(row, "name"), value(row, "domain"), value(row, "industry"), value(row, "tier"),
				null, value(row, "lifecycle_stage"), value(row, "parent_external_id"), extras(row, extraColumns));
	}

	static ContactDraft contact(CSVRecord row, Set<String> extraColumns) {
		return new ContactDraft(value(row, "email"), value(row, "name"), value(row, "role"),
				value(row, "account_external_id"), null, extras(row, extraColumns));
	}

	static SubscriptionDraft subscription(CSVRecord row, String defaultCurrency) {
		String currency = value(row, "currency") != null ? value(row, "currency") : defaultCurrency;
		long mrr;
		try {
			mrr = Money.parse(required(row, "mrr"), currency).minorUnits();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new InvalidInputException("mrr: not an amount in " + currency + ": " + value(row, "mrr"));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("currency: not an ISO 4217 code: " + currency);
		}
		if (mrr < 0) {
			throw new InvalidInputException("mrr: must not be negative");
		}
		Integer seats = null;
		if (value(row, "seats") != null) {
			try {
				seats = new BigDecimal(value(row, "seats")).intValueExact();
			}
			catch (NumberFormatException | ArithmeticException ex) {
				throw new InvalidInputException("seats: not a whole number: " + value(row, "seats"));
			}
		}
		return new SubscriptionDraft(required(row, "account_external_id"), value(row, "product"), required(row, "plan"),
				mrr, currency, seats, value(row, "status"), date(row, "started_on"), date(row, "current_term_end"),
				date(row, "canceled_on"), value(row, "cancel_reason"), date(row, "effective_on"));
	}

	static String value(CSVRecord row, String column) {
		if (!row.isMapped(column) || !row.isSet(column)) {
			return null;
		}
		String value = row.get(column).strip();
		return value.isEmpty() ? null : value;
	}

	static String required(CSVRecord row, String column) {
		String value = value(row, column);
		if (value == null) {
			throw new InvalidInputException(column + ": required");
		}
		return value;
	}

	static LocalDate date(CSVRecord row, String column) {
		String value = value(row, column);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.replace('/', '-'));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(column + ": not a date (YYYY-MM-DD): " + value);
		}
	}

	/** ISO-8601 with an offset, or without one meaning UTC. */
	static Instant instant(CSVRecord row, String column) {
		String value = required(row, column);
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				throw new InvalidInputException(column + ": not an ISO-8601 date-time: " + value);
			}
		}
	}

	private static Map<String, Object> extras(CSVRecord row, Set<String> columns) {
		Map<String, Object> extras = new LinkedHashMap<>();
		for (String column : columns) {
			String value = value(row, column);
			if (value != null) {
				extras.put(column, value);
			}
		}
		return extras;
	}
}
