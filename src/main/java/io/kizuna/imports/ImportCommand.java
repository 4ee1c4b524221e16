package io.kizuna.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.cli.KizunaCommand;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar kizuna.jar import KIND FILE [--encoding=Shift_JIS] [--time-zone=Europe/London] [--workspace=default]
 * [--errors=rejected.csv]}; FILE may be gzip-compressed,
 * KIND one of the import targets the modules contribute (accounts, events, …). Exit 0 when the file was processed (even with rejected lines),
 * 1 when the file was refused or broke part way (the rows before the break are imported, ADR 0027), 2 on a usage
 * error. Beside a running Kizuna it imports through that server's
 * PostgreSQL.
 */
@Command(name = "import", description = "Stream a CSV into a workspace, with progress and every rejected line "
		+ "reported (docs/import.md).")
class ImportCommand implements KizunaCommand {

	/** Progress and the report: stdout stays free for output a script reads. */
	private PrintStream err;

	@Parameters(index = "0", paramLabel = "KIND", description = "An import target: accounts, contacts, subscriptions, "
			+ "events, transactions or one a module adds.")
	String kindName;

	@Parameters(index = "1", paramLabel = "FILE", description = "The CSV file (or the CSV compressed with gzip).")
	Path file;

	@Option(names = "--encoding", paramLabel = "CHARSET", description = "UTF-8 or Shift_JIS (default: detected).")
	String encoding;

	@Option(names = "--time-zone", paramLabel = "ZONE", description = "Where the file's dates and times without an "
			+ "offset are local, e.g. Europe/London (default: the workspace's time zone).")
	String timeZone;

	@Option(names = "--workspace", paramLabel = "SLUG", defaultValue = "default", description = "Default: ${DEFAULT-VALUE}.")
	String slug;

	@Option(names = "--errors", paramLabel = "FILE", description = "Write every rejected line with its reason to this CSV.")
	Path errorsFile;

	@Override
	public Needs needs() {
		return Needs.DATABASE;
	}

	@Override
	public boolean mayUseARunningServer() {
		return true; // an import is what the server's own import page does
	}

	@Override
	public int run(ApplicationContext context) throws IOException {
		err = System.err;
		CsvImport imports = context.getBean(CsvImport.class);
		WorkspaceManagement workspaces = context.getBean(WorkspaceManagement.class);
		ImportTarget kind;
		try {
			kind = imports.targets().find(kindName);
		}
		catch (InvalidInputException ex) {
			return fail(2, ex.getMessage() + "\n" + usage(imports));
		}
		Workspace workspace = workspaces.findBySlug(slug).orElse(null);
		if (workspace == null) {
			return fail(2, "no workspace '" + slug + "'");
		}
		java.time.ZoneId zone;
		try {
			zone = CsvImport.timeZone(timeZone);
		}
		catch (InvalidInputException ex) {
			return fail(2, ex.getMessage());
		}
		long size;
		try {
			size = Files.size(file);
		}
		catch (NoSuchFileException ex) {
			return fail(2, "no such file: " + file);
		}
		try (InputStream in = Files.newInputStream(file);
				Writer errorsOut = errorsFile == null ? Writer.nullWriter()
						: Files.newBufferedWriter(errorsFile, StandardCharsets.UTF_8);
				CSVPrinter rejected = new CSVPrinter(errorsOut, CSVFormat.DEFAULT.builder().setHeader("line", "reason").get())) {
			ImportReport report = imports.importCsv(workspace.id(), kind, in, encoding, zone,
					new ConsoleProgress(err, size, rejected));
			err.println();
			err.printf("%s: %,d rows read, %,d imported, %,d already stored, %,d rejected (encoding %s)%n",
					file.getFileName(), report.rowsRead(), report.imported(), report.duplicates(), report.rejected(),
					report.encoding());
			report.rejectedByCause().forEach((cause, count) -> err.printf("  %,d × %s%n", count, cause));
			report.rejectedLines().stream().limit(20).forEach(r -> err.printf("  line %d: %s%n", r.line(), r.reason()));
			if (report.rejected() > 20) {
				err.printf("  … %,d more%s%n", report.rejected() - 20,
						errorsFile == null ? " (use --errors=FILE for all of them)" : " in " + errorsFile);
			}
			if (report.stoppedAt() != null) {
				ImportReport.StoppedAt stop = report.stoppedAt();
				return fail(1, "stopped at line " + stop.line() + ": " + stop.reason() + ". The " + report.rowsRead()
						+ " rows before it were read as counted above (" + report.imported()
						+ " imported); line " + stop.line() + " and everything after it were not. Fix that line and import"
						+ " the file again: rows already imported are recognised.");
			}
		}
		catch (FileRefusedException ex) {
			err.println();
			return fail(1, "refused: " + ex.getMessage() + (ex.errors().isEmpty() ? "" : "\n  " + String.join("\n  ", ex.errors())));
		}
		return 0;
	}

	/** The kinds are the targets modules contribute. */
	private static String usage(CsvImport imports) {
		return "usage: java -jar kizuna.jar import " + String.join("|", imports.targets().codes())
				+ " FILE [--encoding=UTF-8|Shift_JIS] [--time-zone=ZONE] [--workspace=default] [--errors=FILE]";
	}

	private int fail(int code, String message) {
		err.println("kizuna import: " + message);
		return code;
	}

	/** One line on stderr, rewritten at most once a second: rows, percent of the file, rows per second. */
	private static final class ConsoleProgress implements CsvImport.Progress {

		private final PrintStream out;

		private final long size;

		private final CSVPrinter rejected;

		private final long started = System.nanoTime();

		private long shown;

		ConsoleProgress(PrintStream out, long size, CSVPrinter rejected) {
			this.out = out;
			this.size = size;
			this.rejected = rejected;
		}

		@Override
		public void rows(long rowsRead, long bytesRead) {
			long now = System.nanoTime();
			if (now - shown < 1_000_000_000L && bytesRead < size) {
				return;
			}
			shown = now;
			double seconds = Math.max(0.001, (now - started) / 1e9);
			out.printf("\r%,d rows (%d%%), %,.0f rows/s   ", rowsRead, size == 0 ? 100 : bytesRead * 100 / size,
					rowsRead / seconds);
		}

		@Override
		public void rejected(long line, String reason) {
			try {
				rejected.printRecord(line, reason);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
	}
}
