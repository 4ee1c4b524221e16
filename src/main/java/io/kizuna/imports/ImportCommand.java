package io.kizuna.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar kizuna.jar import KIND FILE [--encoding=Shift_JIS]
 * [--workspace=default] [--errors=rejected.csv]}, KIND one of the import targets (accounts, events, …). Exit 0 when the file was processed (even with rejected lines),
 * 1 when the file was refused, 2 on a usage error.
 */
@Component
@ConditionalOnProperty(name = "kizuna.cli.command", havingValue = "import")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

	/** The kinds are the targets modules contribute: {@link #usage()} fills them in. */
	private static final String USAGE = "usage: java -jar kizuna.jar import %s FILE "
			+ "[--encoding=UTF-8|Shift_JIS] [--workspace=default] [--errors=FILE]";

	private final CsvImport imports;

	private final WorkspaceManagement workspaces;

	private final PrintStream err = System.err;

	private int exitCode;

	ImportCommand(CsvImport imports, WorkspaceManagement workspaces) {
		this.imports = imports;
		this.workspaces = workspaces;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		List<String> positional = args.getNonOptionArgs();
		if (positional.size() != 2) {
			fail(2, usage());
			return;
		}
		ImportTarget kind;
		try {
			kind = imports.targets().find(positional.get(0));
		}
		catch (InvalidInputException ex) {
			fail(2, ex.getMessage() + "\n" + usage());
			return;
		}
		Path file = Path.of(positional.get(1));
		String slug = option(args, "workspace", "default");
		Workspace workspace = workspaces.findBySlug(slug).orElse(null);
		if (workspace == null) {
			fail(2, "no workspace '" + slug + "'");
			return;
		}
		long size;
		try {
			size = Files.size(file);
		}
		catch (NoSuchFileException ex) {
			fail(2, "no such file: " + file);
			return;
		}
		String errorsFile = option(args, "errors", null);
		try (InputStream in = Files.newInputStream(file);
				Writer errorsOut = errorsFile == null ? Writer.nullWriter()
						: Files.newBufferedWriter(Path.of(errorsFile), StandardCharsets.UTF_8);
				CSVPrinter rejected = new CSVPrinter(errorsOut, CSVFormat.DEFAULT.builder().setHeader("line", "reason").get())) {
			ImportReport report = imports.importCsv(workspace.id(), kind, in, option(args, "encoding", null),
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
		}
		catch (FileRefusedException ex) {
			err.println();
			fail(1, "refused: " + ex.getMessage() + (ex.errors().isEmpty() ? "" : "\n  " + String.join("\n  ", ex.errors())));
		}
	}

	private String usage() {
		return USAGE.formatted(String.join("|", imports.targets().codes()));
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

	private void fail(int code, String message) {
		err.println(message);
		exitCode = code;
	}

	private static String option(ApplicationArguments args, String name, String fallback) {
		List<String> values = args.getOptionValues(name);
		return values == null || values.isEmpty() ? fallback : values.get(0);
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
