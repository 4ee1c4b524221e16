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

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AuditTrail;
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

	static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.get();

	private final WorkspaceManagement workspaces;

	private final AuditTrail auditTrail;

	private final ImportTargets targets;

	CsvImport(WorkspaceManagement workspaces, AuditTrail auditTrail, ImportTargets targets) {
		this.workspaces = workspaces;
		this.auditTrail = auditTrail;
		this.targets = targets;
	}

	/** Told about progress every few thousand rows, and about every rejected line. */
	@FunctionalInterface
	public interface Progress {

		void rows(long rowsRead, long bytesRead);

		default void rejected(long line, String reason) {
		}
	}

	/** The targets modules contribute, for lists and lookups. */
	public ImportTargets targets() {
		return targets;
	}

	/**
	 * @param kind the code of an {@link ImportTarget}
	 * @throws InvalidInputException for a kind no target has, naming the known ones
	 */
	public ImportReport importCsv(WorkspaceId workspace, String kind, InputStream input, String encoding,
			Progress progress) {
		return importCsv(workspace, targets.find(kind), input, encoding, progress);
	}

	/**
	 * @param encoding null to detect (UTF-8 with or without BOM, else Shift_JIS)
	 * @throws FileRefusedException when the file as a whole cannot be imported (unreadable, wrong header); nothing
	 * was imported then. A file that breaks after its header is not refused: the report says where it stopped.
	 */
	public ImportReport importCsv(WorkspaceId workspace, ImportTarget kind, InputStream input, String encoding,
			Progress progress) {
		return importCsv(workspace, kind, input, encoding, null, progress);
	}

	/**
	 * @param timeZone where the file's dates and times without an offset are local; null for the workspace's
	 * @throws FileRefusedException when the file as a whole cannot be imported; nothing was imported then
	 */
	public ImportReport importCsv(WorkspaceId workspace, ImportTarget kind, InputStream input, String encoding,
			java.time.ZoneId timeZone, Progress progress) {
		CountingInputStream counted = new CountingInputStream(input);
		return new Run(workspace, kind, counted, progress, timeZone).execute(encoding);
	}

	/** A time zone named by the person importing (an IANA id such as Europe/London); null or blank for none. */
	public static java.time.ZoneId timeZone(String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		try {
			return java.time.ZoneId.of(name.strip());
		}
		catch (java.time.DateTimeException ex) {
			throw new InvalidInputException("timeZone: not a time zone: " + name.substring(0, Math.min(name.length(), 60)),
					List.of("timeZone: an IANA time zone such as Asia/Tokyo or Europe/London"));
		}
	}

	/** What the loop tells the import run about: rows read so far, and each row it refused. */
	interface RowEvents {

		void read(long rows);

		void rejected(long line, String reason);

		/** A rejection with the message key the page shows it by. */
		default void rejected(long line, String reason, String key, List<Object> arguments) {
			rejected(line, reason);
		}

		/** The file broke at this line (a row the CSV library cannot read); the rows before it were handled. */
		default void stopped(ImportReport.StoppedAt stoppedAt) {
		}
	}

	/**
	 * The loop every import runs: detects (or applies) the encoding, reads the header, lets {@code open} check it and
	 * give the handler for the rows, then hands it each row, reporting the rows it rejects and going on with the
	 * next. A file that is not readable CSV is refused as a whole. Static and free of storage, so that the fuzz tests
	 * drive exactly this code with a target's real row mapping.
	 *
	 * @return the charset the file was read in
	 */
	static Charset read(InputStream input, String encoding, java.util.function.Function<List<String>, RowHandler> open,
			RowEvents events) {
		try {
			BufferedInputStream in = Compression.uncompressed(new BufferedInputStream(input, 1 << 16));
			Charset charset;
			if (encoding == null || encoding.isBlank()) {
				charset = Encodings.detect(in);
			}
			else {
				charset = Encodings.named(encoding);
				Encodings.skipBom(in, charset);
			}
			try (CSVParser parser = open(new InputStreamReader(in, charset))) {
				RowHandler rows = open.apply(parser.getHeaderNames());
				long lastLine = parser.getCurrentLineNumber();
				long read = 0;
				java.util.Iterator<CSVRecord> records = parser.iterator();
				while (true) {
					CSVRecord row;
					try {
						if (!records.hasNext()) {
							break;
						}
						row = records.next();
					}
					catch (UncheckedIOException | IllegalStateException ex) {
						// A row the library cannot read (an unclosed quote swallows the rest of the file): the rows
						// before it were stored one by one and stay; the report says where reading stopped (ADR 0027).
						rows.flush();
						events.read(read);
						events.stopped(stoppedAt(lastLine + 1, rootMessage(ex)));
						return charset;
					}
					long line = lastLine + 1;
					lastLine = parser.getCurrentLineNumber();
					read++;
					try {
						if (!row.isConsistent()) {
							throw new RowRejectedException("expected " + parser.getHeaderNames().size() + " fields, found "
									+ row.size(), "import.reason.fieldCount", parser.getHeaderNames().size(), row.size());
						}
						rows.accept(new ImportRow(row, line));
					}
					catch (RowRejectedException ex) {
						events.rejected(line, ex.getMessage(), ex.key(), ex.arguments());
					}
					catch (InvalidInputException ex) {
						events.rejected(line,
								ex.getMessage() + (ex.errors().isEmpty() ? "" : ": " + String.join("; ", ex.errors())));
					}
					catch (NotFoundException ex) {
						events.rejected(line, ex.getMessage());
					}
					if (read % 2_000 == 0) {
						events.read(read);
					}
				}
				rows.flush();
				events.read(read);
			}
			return charset;
		}
		catch (java.util.zip.ZipException ex) {
			throw new FileRefusedException(ex.getMessage().startsWith("the gzip") ? ex.getMessage()
					: "the gzip file is damaged (" + ex.getMessage() + ")", List.of());
		}
		catch (IOException ex) {
			throw new FileRefusedException("the file could not be read: " + ex.getMessage(), List.of(),
					FileRefusedException.Keyed.of("import.refused.unreadable"), List.of());
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			if (root instanceof java.util.zip.ZipException) {
				throw new FileRefusedException(root.getMessage(), List.of());
			}
			throw new FileRefusedException("the file is not valid CSV: " + rootMessage(ex), List.of(),
					FileRefusedException.Keyed.of("import.refused.notCsv"), List.of());
		}
	}

	/** Reads the header; a header the CSV library cannot take (an empty column name) refuses the file. */
	static CSVParser open(java.io.Reader reader) throws IOException {
		try {
			return CSVParser.parse(reader, FORMAT);
		}
		catch (IllegalArgumentException ex) {
			// Found by CsvImportFuzzTests: "a,,b" or a header of control characters used to answer 500.
			throw new FileRefusedException("the header is not valid: " + ex.getMessage(), List.of(),
					FileRefusedException.Keyed.of("import.refused.badHeader"), List.of());
		}
	}

	/** Where and why the file broke, with the message key the page says it by. */
	static ImportReport.StoppedAt stoppedAt(long line, String reason) {
		String text = reason == null ? "" : reason;
		String key = text.contains("EOF reached before encapsulated token finished") ? "import.stopped.unclosedQuote"
				: text.contains("invalid char between encapsulated token and delimiter") ? "import.stopped.afterQuote"
				: "import.stopped.other";
		return new ImportReport.StoppedAt(line, text, key);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

	/** One import: the counters and the rejected lines; the target's handler stores the rows. */
	private final class Run implements ImportFile, RowEvents {

		private final WorkspaceId workspace;

		private final ImportTarget kind;

		private final CountingInputStream counted;

		private final Progress progress;

		private final java.time.ZoneId timeZone;

		private final List<ImportReport.RejectedLine> rejectedLines = new ArrayList<>();

		private final Instant receivedAt = Instant.now();

		private final Map<String, Long> rejectedByCause = new LinkedHashMap<>();

		private final Map<List<Object>, Long> causes = new LinkedHashMap<>();

		private io.kizuna.workspace.Workspace settings;

		private List<String> header = List.of();

		private Set<String> extras = Set.of();

		private long read;

		private long imported;

		private long duplicates;

		private long rejected;

		private ImportReport.StoppedAt stoppedAt;

		Run(WorkspaceId workspace, ImportTarget kind, CountingInputStream counted, Progress progress,
				java.time.ZoneId timeZone) {
			this.timeZone = timeZone;
			this.workspace = workspace;
			this.kind = kind;
			this.counted = counted;
			this.progress = progress;
		}

		ImportReport execute(String encoding) {
			settings = workspaces.get(workspace);
			Charset charset = CsvImport.read(counted, encoding, names -> {
				extras = kind.checkHeader(names);
				header = names;
				return kind.open(this);
			}, this);
			Map<String, Object> details = new LinkedHashMap<>(Map.of("rowsRead", read, "imported", imported,
					"duplicates", duplicates, "rejected", rejected));
			if (stoppedAt != null) {
				details.put("stoppedAtLine", stoppedAt.line());
			}
			auditTrail.record(workspace, stoppedAt == null ? "import.completed" : "import.stopped", kind.code(), details);
			return new ImportReport(kind.code(), charset.name(), read, imported, duplicates, rejected,
					List.copyOf(rejectedLines), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rejectedByCause)),
					causes.entrySet().stream().map(c -> new ImportReport.Cause((String) c.getKey().get(0),
							c.getKey().get(1), c.getValue())).toList(),
					stoppedAt == null, stoppedAt);
		}

		@Override
		public void read(long rows) {
			read = rows;
			if (progress != null) {
				progress.rows(rows, counted.count());
			}
		}

		@Override
		public WorkspaceId workspaceId() {
			return workspace;
		}

		@Override
		public String currency() {
			return settings.currency().getCurrencyCode();
		}

		@Override
		public java.time.ZoneId timeZone() {
			return timeZone != null ? timeZone : settings.timeZone();
		}

		@Override
		public Instant receivedAt() {
			return receivedAt;
		}

		@Override
		public List<String> header() {
			return header;
		}

		@Override
		public Set<String> extraColumns() {
			return extras;
		}

		@Override
		public void stored(long imported, long duplicates) {
			this.imported += imported;
			this.duplicates += duplicates;
		}

		@Override
		public void stopped(ImportReport.StoppedAt where) {
			stoppedAt = where;
		}

		@Override
		public void rejected(long line, String reason) {
			rejected(line, reason, "import.reason.other", List.of(reason));
		}

		@Override
		public void rejected(long line, String reason, String key, List<Object> arguments) {
			rejected++;
			int colon = reason.indexOf(':');
			String cause = colon > 0 ? reason.substring(0, colon) : reason;
			rejectedByCause.merge(cause, 1L, Long::sum);
			Object subject = "import.reason.other".equals(key) ? cause : arguments.isEmpty() ? "" : arguments.get(0);
			causes.merge(java.util.Arrays.asList(key, subject), 1L, Long::sum);
			if (progress != null) {
				progress.rejected(line, reason);
			}
			if (rejectedLines.size() < MAX_LISTED) {
				rejectedLines.add(new ImportReport.RejectedLine(line, reason, key, arguments));
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
