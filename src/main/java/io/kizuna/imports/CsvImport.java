package io.kizuna.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.revenue.TransactionDraft;
import io.kizuna.revenue.TransactionLog;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.IngestionResult;
import io.kizuna.usage.TrackedMessage;
import io.kizuna.usage.UsageIngestion;
import io.kizuna.workspace.WorkspaceManagement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * Streams a CSV file into the workspace, one row at a time: memory does not grow with the file. Rows are
 * independent: a bad row is reported with its line number and reason and the others are imported. Re-running an
 * import changes nothing (upserts by external id; subscription states and events are recognised).
 */
@Service
public class CsvImport {

	static final int MAX_LISTED = 1_000;

	static final int EVENT_CHUNK = 5_000;

	static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.get();

	private final AccountManagement accounts;

	private final UsageIngestion ingestion;

	private final WorkspaceManagement workspaces;

	private final TransactionLog transactions;

	CsvImport(AccountManagement accounts, UsageIngestion ingestion, WorkspaceManagement workspaces,
			TransactionLog transactions) {
		this.accounts = accounts;
		this.ingestion = ingestion;
		this.workspaces = workspaces;
		this.transactions = transactions;
	}

	/** Told about progress every few thousand rows, and about every rejected line. */
	@FunctionalInterface
	public interface Progress {

		void rows(long rowsRead, long bytesRead);

		default void rejected(long line, String reason) {
		}
	}

	/**
	 * @param encoding null to detect (UTF-8 with or without BOM, else Shift_JIS)
	 * @throws FileRefusedException when the file as a whole cannot be imported; nothing was imported then
	 */
	public ImportReport importCsv(WorkspaceId workspace, ImportKind kind, InputStream input, String encoding,
			Progress progress) {
		CountingInputStream counted = new CountingInputStream(input);
		var settings = workspaces.get(workspace);
		Run run = new Run(workspace, kind, counted, progress);
		Charset charset = read(kind, counted, encoding, settings.currency().getCurrencyCode(), settings.timeZone(),
				run.receivedAt, run);
		return run.finish(charset);
	}

	/** What {@link #read} finds in each row: its line and the row mapped for storing, or why it was rejected. */
	interface Rows {

		/** @param row an {@code AccountDraft}, {@code ContactDraft}, {@code SubscriptionDraft} (with its external id in
		 * {@code externalId}), a {@code TrackedMessage} or a {@code TransactionDraft} */
		void mapped(long line, String externalId, Object row);

		void rejected(long line, String reason);

		/** After every row of a few thousand. */
		default void read(long rows) {
		}
	}

	/**
	 * Everything an import does with a file before the database: the encoding, the CSV parser with the import's
	 * format, the header check and the mapping of each row, in file order.
	 *
	 * @param encoding null to detect (UTF-8 with or without BOM, else Shift_JIS)
	 * @throws FileRefusedException when the file as a whole cannot be imported
	 */
	static Charset read(ImportKind kind, InputStream input, String encoding, String currency, java.time.ZoneId zone,
			Instant receivedAt, Rows rows) {
		BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
		try {
			Charset charset;
			if (encoding == null || encoding.isBlank()) {
				charset = Encodings.detect(in);
			}
			else {
				charset = Encodings.named(encoding);
				Encodings.skipBom(in, charset);
			}
			try (CSVParser parser = open(new InputStreamReader(in, charset))) {
				Set<String> extras = checkHeader(kind, parser.getHeaderNames());
				TransactionRows purchases = kind == ImportKind.TRANSACTIONS
						? new TransactionRows(TransactionRows.isUci(parser.getHeaderNames()), zone, currency) : null;
				long read = 0;
				long lastLine = parser.getCurrentLineNumber();
				for (CSVRecord row : parser) {
					long line = lastLine + 1;
					lastLine = parser.getCurrentLineNumber();
					read++;
					try {
						if (!row.isConsistent()) {
							throw new InvalidInputException("expected " + parser.getHeaderNames().size() + " fields, found "
									+ row.size());
						}
						switch (kind) {
							case ACCOUNTS -> rows.mapped(line, RowMapping.required(row, "external_id"),
									RowMapping.account(row, extras));
							case CONTACTS -> rows.mapped(line, RowMapping.required(row, "external_id"),
									RowMapping.contact(row, extras));
							case SUBSCRIPTIONS -> rows.mapped(line, RowMapping.required(row, "external_id"),
									RowMapping.subscription(row, currency));
							case EVENTS -> rows.mapped(line, null, EventRows.message(row, receivedAt));
							case TRANSACTIONS -> rows.mapped(line, null, purchases.draft(row));
						}
					}
					catch (InvalidInputException ex) {
						rows.rejected(line, ex.getMessage() + (ex.errors().isEmpty() ? "" : ": " + String.join("; ", ex.errors())));
					}
					catch (NotFoundException ex) {
						rows.rejected(line, ex.getMessage());
					}
					if (read % 2_000 == 0) {
						rows.read(read);
					}
				}
				return charset;
			}
		}
		catch (IOException ex) {
			throw new FileRefusedException("the file could not be read: " + ex.getMessage(), List.of());
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw new FileRefusedException("the file is not valid CSV: " + rootMessage(ex), List.of());
		}
	}

	/** Reads the header; a header the CSV library cannot take (an empty column name) refuses the file. */
	static CSVParser open(java.io.Reader reader) throws IOException {
		try {
			return CSVParser.parse(reader, FORMAT);
		}
		catch (IllegalArgumentException ex) {
			// Found by CsvImportFuzzTests: "a,,b" or a header of control characters used to answer 500.
			throw new FileRefusedException("the header is not valid: " + ex.getMessage(), List.of());
		}
	}

	static Set<String> checkHeader(ImportKind kind, List<String> header) {
		if (kind == ImportKind.TRANSACTIONS && TransactionRows.isUci(header)) {
			return Set.of();
		}
		List<String> errors = new ArrayList<>();
		Set<String> columns = new LinkedHashSet<>();
		for (String column : header) {
			if (!columns.add(column)) {
				errors.add("column '" + column + "' appears twice");
			}
		}
		for (String required : kind.required) {
			if (!columns.contains(required)) {
				errors.add("missing column '" + required + "'");
			}
		}
		Set<String> extras = new LinkedHashSet<>();
		for (String column : columns) {
			if (!kind.required.contains(column) && !kind.optional.contains(column) && !"external_id".equals(column)) {
				if (!kind.keepsOtherColumns) {
					errors.add("unexpected column '" + column + "'");
				}
				extras.add(column);
			}
		}
		if (!errors.isEmpty()) {
			List<String> expected = new ArrayList<>(kind.required);
			expected.addAll(kind.optional);
			throw new FileRefusedException("the header does not fit the " + kind.code() + " import; expected columns "
					+ expected + " (the first " + kind.required.size() + " required), found " + header, errors);
		}
		return extras;
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

	/** One import: the counters, the rejected lines, the pending events; stores each row {@link #read} maps. */
	private final class Run implements Rows {

		private final WorkspaceId workspace;

		private final ImportKind kind;

		private final CountingInputStream counted;

		private final Progress progress;

		private final List<ImportReport.RejectedLine> rejectedLines = new ArrayList<>();

		private final List<TrackedMessage> pending = new ArrayList<>();

		private final List<Long> pendingLines = new ArrayList<>();

		private final Instant receivedAt = Instant.now();

		private final List<TransactionDraft> pendingPurchases = new ArrayList<>();

		private final Map<String, Long> rejectedByCause = new LinkedHashMap<>();

		private long read;

		private long imported;

		private long duplicates;

		private long rejected;

		Run(WorkspaceId workspace, ImportKind kind, CountingInputStream counted, Progress progress) {
			this.workspace = workspace;
			this.kind = kind;
			this.counted = counted;
			this.progress = progress;
		}

		@Override
		public void mapped(long line, String externalId, Object row) {
			read++;
			try {
				if (row instanceof AccountDraft account) {
					accounts.saveAccount(workspace, externalId, account);
				}
				else if (row instanceof ContactDraft contact) {
					accounts.saveContact(workspace, externalId, contact);
				}
				else if (row instanceof SubscriptionDraft subscription) {
					accounts.saveSubscription(workspace, externalId, subscription);
				}
				else if (row instanceof TrackedMessage message) {
					queue(message, line);
				}
				else {
					queue((TransactionDraft) row, line);
				}
				if (kind != ImportKind.EVENTS && kind != ImportKind.TRANSACTIONS) {
					imported++;
				}
			}
			catch (InvalidInputException ex) {
				reject(line, ex.getMessage() + (ex.errors().isEmpty() ? "" : ": " + String.join("; ", ex.errors())));
			}
			catch (NotFoundException ex) {
				reject(line, ex.getMessage());
			}
		}

		@Override
		public void rejected(long line, String reason) {
			read++;
			reject(line, reason);
		}

		@Override
		public void read(long rows) {
			if (progress != null) {
				progress.rows(rows, counted.count());
			}
		}

		ImportReport finish(Charset charset) {
			flushEvents();
			flushPurchases();
			if (progress != null) {
				progress.rows(read, counted.count());
			}
			workspaces.audit(workspace, "import.completed", kind.code(), java.util.Map.of("rowsRead", read, "imported",
					imported, "duplicates", duplicates, "rejected", rejected));
			return new ImportReport(kind.code(), charset.name(), read, imported, duplicates, rejected,
					List.copyOf(rejectedLines), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rejectedByCause)));
		}

		private void queue(TrackedMessage message, long line) {
			pending.add(message);
			pendingLines.add(line);
			if (pending.size() >= EVENT_CHUNK) {
				flushEvents();
			}
		}

		private void queue(TransactionDraft purchase, long line) {
			pendingPurchases.add(purchase);
			pendingLines.add(line);
			if (pendingPurchases.size() >= EVENT_CHUNK) {
				flushPurchases();
			}
		}

		/** Drafts are valid by construction, so a chunk is stored whole; equal source ids count as already stored. */
		private void flushPurchases() {
			if (pendingPurchases.isEmpty()) {
				return;
			}
			TransactionLog.Recorded recorded = transactions.record(workspace, pendingPurchases);
			imported += recorded.stored();
			duplicates += recorded.duplicates();
			pendingPurchases.clear();
			pendingLines.clear();
		}

		/** A chunk is one transaction; if it fails, its rows go one by one so only the bad ones are rejected. */
		private void flushEvents() {
			if (pending.isEmpty()) {
				return;
			}
			try {
				count(ingestion.ingest(workspace, pending));
			}
			catch (InvalidInputException | NotFoundException ex) {
				for (int i = 0; i < pending.size(); i++) {
					try {
						count(ingestion.ingest(workspace, List.of(pending.get(i))));
					}
					catch (InvalidInputException | NotFoundException one) {
						reject(pendingLines.get(i), one.getMessage());
					}
				}
			}
			pending.clear();
			pendingLines.clear();
		}

		private void count(IngestionResult result) {
			imported += result.stored();
			duplicates += result.duplicates();
		}

		private void reject(long line, String reason) {
			rejected++;
			int colon = reason.indexOf(':');
			rejectedByCause.merge(colon > 0 ? reason.substring(0, colon) : reason, 1L, Long::sum);
			if (progress != null) {
				progress.rejected(line, reason);
			}
			if (rejectedLines.size() < MAX_LISTED) {
				rejectedLines.add(new ImportReport.RejectedLine(line, reason));
			}
		}
	}

	/** Counts the bytes read, for progress in percent of the file. */
	static final class CountingInputStream extends java.io.FilterInputStream {

		private final AtomicLong count = new AtomicLong();

		CountingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count.incrementAndGet();
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count.addAndGet(n);
			}
			return n;
		}

		long count() {
			return count.get();
		}
	}
}
