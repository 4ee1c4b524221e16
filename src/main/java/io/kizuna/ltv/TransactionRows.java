package io.kizuna.ltv;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.imports.ImportRow;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;

/**
 * Turns purchase rows into transaction drafts, in one of two layouts: {@code customer_id,date,amount[,currency]
 * [,transaction_id]}, or the UCI Online Retail layout (one invoice line per row, amount = Quantity × UnitPrice in
 * GBP). Every row that is not a valid purchase is refused with a reason that starts with its cause. An amount of 0
 * is a purchase (the spend model leaves it out); in the UCI layout a unit price of 0 is not, as the data set's
 * documentation has it (its lines of price 0 are adjustments and samples, mostly without a customer).
 *
 * <p>Dates and times without an offset are local to the import's time zone (the workspace's unless the import names
 * another: the UCI file is UK time). A date out of range is refused as the file wrote it.
 *
 * <p>A row's source id is {@code transaction_id} when the file has one; otherwise it is made from the row's content
 * and how many equal rows came before it in the same invoice (UCI) or on the same customer and day: importing the
 * file again gives the same ids, and two equal lines of one invoice are two purchases, not one.
 */
final class TransactionRows {

	static final List<String> UCI_COLUMNS = List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
			"UnitPrice", "CustomerID", "Country");

	static final String NO_CUSTOMER = "no customer";

	static final String CANCELLATION = "cancellation";

	static final String NON_POSITIVE_QUANTITY = "non-positive quantity";

	static final String NON_POSITIVE_PRICE = "non-positive price";

	static final String NEGATIVE_AMOUNT = "negative amount";

	static final String UNPARSEABLE_DATE = "unparseable date";

	static final String UNPARSEABLE_NUMBER = "unparseable number";

	private static final DateTimeFormatter UCI_ORIGINAL = DateTimeFormatter.ofPattern("M/d/yyyy H:mm");

	private final boolean uci;

	private final ZoneId zone;

	private final String defaultCurrency;

	private final Map<String, Integer> seenInGroup = new HashMap<>();

	private String group;

	/** @param zone where dates and times without an offset are local (the import's time zone) */
	TransactionRows(boolean uci, ZoneId zone, String defaultCurrency) {
		this.uci = uci;
		this.zone = zone;
		this.defaultCurrency = defaultCurrency;
	}

	static boolean isUci(List<String> header) {
		return header.size() == UCI_COLUMNS.size() && header.containsAll(UCI_COLUMNS);
	}

	TransactionDraft draft(ImportRow row) {
		return uci ? uci(row) : simple(row);
	}

	private TransactionDraft uci(ImportRow row) {
		String invoice = row.value("InvoiceNo");
		String customer = row.value("CustomerID");
		if (customer == null) {
			throw new InvalidInputException(NO_CUSTOMER + ": CustomerID is empty");
		}
		customer = customer.endsWith(".0") ? customer.substring(0, customer.length() - 2) : customer;
		if (invoice == null) {
			throw new InvalidInputException("InvoiceNo: required");
		}
		if (invoice.startsWith("C") || invoice.startsWith("c")) {
			throw new InvalidInputException(CANCELLATION + ": invoice " + invoice);
		}
		BigDecimal quantity = number(row, "Quantity");
		if (quantity.signum() <= 0) {
			throw new InvalidInputException(NON_POSITIVE_QUANTITY + ": " + quantity.toPlainString());
		}
		BigDecimal price = number(row, "UnitPrice");
		if (price.signum() <= 0) {
			throw new InvalidInputException(NON_POSITIVE_PRICE + ": " + price.toPlainString());
		}
		Instant at = instant(row.value("InvoiceDate"), "InvoiceDate");
		long amount = minorUnits(quantity.multiply(price), "GBP");
		String stock = String.valueOf(row.value("StockCode"));
		String source = "uci:" + invoice + ":" + stock;
		return new TransactionDraft(occurrence(invoice, source), customer, at, amount, "GBP");
	}

	private TransactionDraft simple(ImportRow row) {
		String customer = row.value("customer_id");
		if (customer == null) {
			throw new InvalidInputException(NO_CUSTOMER + ": customer_id is empty");
		}
		String currency = row.value("currency") == null ? defaultCurrency : row.value("currency");
		String date = row.value("date");
		Instant at = instant(date, "date");
		BigDecimal value = number(row, "amount");
		if (value.signum() < 0) {
			throw new InvalidInputException(NEGATIVE_AMOUNT + ": " + value.toPlainString());
		}
		long amount = minorUnits(value, currency);
		String id = row.value("transaction_id");
		String source = id != null ? "id:" + id
				: occurrence(customer + "\u0000" + at, "row:" + customer + ":" + at + ":" + amount + currency);
		return new TransactionDraft(source, customer, at, amount, currency);
	}

	/** The n-th equal row of a group gets suffix n; groups are consecutive rows (an invoice, a customer's day). */
	private String occurrence(String groupKey, String source) {
		if (!groupKey.equals(group)) {
			group = groupKey;
			seenInGroup.clear();
		}
		int n = seenInGroup.merge(source, 1, Integer::sum) - 1;
		String id = source + "#" + n;
		return id.length() <= 200 ? id : id.substring(0, 150) + "~" + Integer.toHexString(id.hashCode());
	}

	private static BigDecimal number(ImportRow row, String column) {
		String value = row.value(column);
		try {
			return new BigDecimal(value == null ? "" : value.replace(",", ""));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(UNPARSEABLE_NUMBER + ": " + column + " is '" + value + "'");
		}
	}

	private static long minorUnits(BigDecimal amount, String currency) {
		try {
			return Money.parse(amount.toPlainString(), currency).minorUnits();
		}
		catch (ArithmeticException ex) {
			throw new InvalidInputException("amount: more precision than " + currency + " has: " + amount.toPlainString());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("currency: not an ISO 4217 code: " + currency);
		}
	}

	/** ISO-8601 with an offset; a date-time or a date without one is local to the import's time zone. */
	private Instant instant(String value, String column) {
		java.time.ZoneId local = zone;
		try {
			local = OffsetDateTime.parse(value).getOffset();
		}
		catch (DateTimeParseException noOffset) {
			// local to the import's zone
		}
		return TransactionDraft.inRange(parse(value, column), local, "'" + value + "'");
	}

	private Instant parse(String value, String column) {
		if (value == null) {
			throw new InvalidInputException(UNPARSEABLE_DATE + ": " + column + " is empty");
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException notOffset) {
			try {
				return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
			}
			catch (DateTimeParseException notLocal) {
				try {
					return LocalDate.parse(value).atStartOfDay(zone).toInstant();
				}
				catch (DateTimeParseException notDate) {
					try {
						return LocalDateTime.parse(value, UCI_ORIGINAL).atZone(zone).toInstant();
					}
					catch (DateTimeParseException none) {
						throw new InvalidInputException(UNPARSEABLE_DATE + ": " + column + " is '" + value + "'");
					}
				}
			}
		}
	}
}
