package io.kizuna.imports;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What {@link CsvImport} does with a file before a target stores anything — encoding detection, the CSV parser with
 * the import's format, the header check and each row's mapping — for the fuzz tests of every module's import
 * target. Whatever the bytes, the only failure allowed is the import's own refusal ({@link InvalidInputException},
 * of which {@link FileRefusedException} is one): never a NullPointerException, an index error or a hang.
 */
public final class ImportFuzzing {

	static final Duration HANG = Duration.ofSeconds(10);

	public static final Instant RECEIVED = Instant.parse("2026-11-25T00:00:00Z");

	private ImportFuzzing() {
	}

	/** The first byte chooses the target (from {@code count}), the rest is the file; fails on anything but a refusal. */
	public static void importedOrRefusedCleanly(byte[] input, int count, java.util.function.IntFunction<Target> targets) {
		if (input.length == 0) {
			return;
		}
		Target target = targets.apply(Math.floorMod(input[0], count));
		// A hang is a finding too; the bound is far above the milliseconds a fuzzing input takes.
		assertTimeoutPreemptively(HANG, () -> {
			try {
				mapEveryRow(target, new ByteArrayInputStream(input, 1, input.length - 1));
			}
			catch (InvalidInputException refused) {
				// The import's own answer: a refused file or a rejected row.
			}
		});
	}

	/** A target as far as reading goes: its header check and the mapping of one row. */
	public record Target(Function<List<String>, Set<String>> header, BiConsumer<ImportRow, ImportFile> map) {
	}

	/** The import's own loop ({@link CsvImport#read}) with the target's real row mapping; nothing is stored. */
	static long mapEveryRow(Target target, InputStream raw) {
		long[] mapped = { 0 };
		CsvImport.read(raw, null, header -> {
			ImportFile file = new File(header, target.header().apply(header));
			return row -> {
				target.map().accept(row, file);
				mapped[0]++;
			};
		}, new CsvImport.RowEvents() {

			@Override
			public void read(long rows) {
			}

			@Override
			public void rejected(long line, String reason) {
			}
		});
		return mapped[0];
	}

	/** A file of a Japanese workspace; nothing is stored, so nothing is counted. */
	private record File(List<String> header, Set<String> extraColumns) implements ImportFile {

		@Override
		public WorkspaceId workspaceId() {
			return new WorkspaceId(1);
		}

		@Override
		public String currency() {
			return "JPY";
		}

		@Override
		public ZoneId timeZone() {
			return ZoneId.of("Asia/Tokyo");
		}

		@Override
		public Instant receivedAt() {
			return RECEIVED;
		}

		@Override
		public void stored(long imported, long duplicates) {
		}

		@Override
		public void rejected(long line, String reason) {
		}
	}
}
