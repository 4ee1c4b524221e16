package io.kizuna.ltv;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.zip.GZIPInputStream;

import io.kizuna.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads transaction logs for the analyst CLI: a CSV with the header {@code customer_id,date,amount}, or the CDNOW
 * text format, whitespace separated, as the sample (customer, sample id, yyyymmdd, quantity, amount) or the master
 * file (customer, yyyymmdd, quantity, amount), with or without a header line. Either may be gzip-compressed. Amounts
 * of 0 are purchases (CDNOW has eight); negative ones and every other unusable line are errors naming their line.
 */
final class TransactionFiles {

	private TransactionFiles() {
	}

	static List<Transaction> read(Path file) throws IOException {
		try (BufferedReader reader = open(file)) {
			reader.mark(1 << 16);
			String first = reader.readLine();
			reader.reset();
			// The CSV's header; a CDNOW header line may name the same column, but without commas.
			return first != null && first.strip().toLowerCase(java.util.Locale.ROOT).startsWith("customer_id")
					&& first.contains(",") ? csv(reader) : cdnow(reader);
		}
	}

	/** UTF-8, through gzip when the file starts with its magic bytes. */
	private static BufferedReader open(Path file) throws IOException {
		BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		in.mark(2);
		int b0 = in.read();
		int b1 = in.read();
		in.reset();
		InputStream content = b0 == 0x1F && b1 == 0x8B ? new GZIPInputStream(in, 1 << 16) : in;
		return new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 1 << 16);
	}

	private static List<Transaction> cdnow(BufferedReader reader) throws IOException {
		List<Transaction> transactions = new ArrayList<>();
		boolean first = true;
		int number = 0;
		for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
			number++;
			String line = raw.strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] f = line.split("\\s+");
			// The master file as distributed starts with a line of column names: the first line without a date.
			boolean header = first && (f.length < 4 || !f[f.length - 3].matches("\\d{8}"));
			first = false;
			if (header) {
				continue;
			}
			try {
				if (f.length != 4 && f.length != 5) {
					throw new IllegalArgumentException();
				}
				BigDecimal amount = new BigDecimal(f[f.length - 1]);
				if (amount.signum() < 0) {
					throw new InvalidInputException("line " + number + ": the amount must not be negative");
				}
				transactions.add(new Transaction(f[0], LocalDate.parse(f[f.length - 3], DateTimeFormatter.BASIC_ISO_DATE),
						amount));
			}
			catch (InvalidInputException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new InvalidInputException("line " + number
						+ ": expected 'customer [sample] yyyymmdd quantity amount' (the CDNOW master or sample layout)");
			}
		}
		return transactions;
	}

	private static List<Transaction> csv(Reader reader) throws IOException {
		List<Transaction> transactions = new ArrayList<>();
		for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
			.parse(reader)) {
			try {
				BigDecimal amount = new BigDecimal(row.get("amount"));
				if (amount.signum() < 0) {
					throw new InvalidInputException("line " + (row.getRecordNumber() + 1) + ": the amount must not be negative");
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
		return transactions;
	}
}
