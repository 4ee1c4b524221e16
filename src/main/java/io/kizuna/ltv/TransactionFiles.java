package io.kizuna.ltv;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads transaction logs for the analyst CLI: a CSV with the header {@code customer_id,date,amount}, or the CDNOW
 * text format (whitespace separated: customer, sample id, yyyymmdd, quantity, amount). Every unusable line is an
 * error naming its line.
 */
final class TransactionFiles {

	private TransactionFiles() {
	}

	static List<Transaction> read(Path file) throws IOException {
		String first = Files.lines(file, StandardCharsets.UTF_8).findFirst().orElse("").strip();
		return first.toLowerCase(java.util.Locale.ROOT).startsWith("customer_id") ? csv(file) : cdnow(file);
	}

	private static List<Transaction> cdnow(Path file) throws IOException {
		List<Transaction> transactions = new ArrayList<>();
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] f = line.split("\\s+");
			try {
				transactions.add(new Transaction(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE),
						new BigDecimal(f[4])));
			}
			catch (RuntimeException ex) {
				throw new InvalidInputException("line " + (i + 1) + ": expected 'customer sample yyyymmdd quantity amount'");
			}
		}
		return transactions;
	}

	private static List<Transaction> csv(Path file) throws IOException {
		List<Transaction> transactions = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
				.parse(reader)) {
				try {
					BigDecimal amount = new BigDecimal(row.get("amount"));
					if (amount.signum() <= 0) {
						throw new InvalidInputException("line " + (row.getRecordNumber() + 1) + ": amount must be positive");
					}
					transactions.add(new Transaction(row.get("customer_id"), LocalDate.parse(row.get("date")), amount));
				}
				catch (InvalidInputException ex) {
					throw ex;
				}
				catch (DateTimeParseException | IllegalArgumentException ex) {
					throw new InvalidInputException("line " + (row.getRecordNumber() + 1)
							+ ": expected customer_id, date (YYYY-MM-DD), amount");
				}
			}
		}
		return transactions;
	}
}
