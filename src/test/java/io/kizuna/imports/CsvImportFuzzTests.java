package io.kizuna.imports;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kizuna.shared.InvalidInputException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Coverage-guided fuzzing of the CSV import's parsing and row mapping (everything before the database): encoding
 * detection, the CSV parser with the import's format, the header check and the mapping of each row. Whatever the
 * bytes, the only failure allowed is the import's own refusal ({@link InvalidInputException}, of which
 * {@link FileRefusedException} is one) — never a NullPointerException, an index error or a hang.
 *
 * <p>{@code mvn verify} runs the seed corpus ({@code src/test/resources/io/kizuna/imports/CsvImportFuzzTestsInputs})
 * once (Jazzer's regression mode). To fuzz for real: {@code JAZZER_FUZZ=1 mvn test -Dtest=CsvImportFuzzTests}
 * (docs/security.md); findings land in the same directory and then run on every build.
 */
class CsvImportFuzzTests {

	static final Duration HANG = Duration.ofSeconds(10);

	static final ImportKind[] KINDS = ImportKind.values();

	static final Instant RECEIVED = Instant.parse("2026-11-25T00:00:00Z");

	@FuzzTest(maxDuration = "60s")
	void anyFileIsImportedOrRefusedCleanly(byte[] input) {
		if (input.length == 0) {
			return;
		}
		// The first byte chooses the kind of import, the rest is the file.
		ImportKind kind = KINDS[Math.floorMod(input[0], KINDS.length)];
		// A hang is a finding too; the bound is far above the milliseconds a fuzzing input takes.
		assertTimeoutPreemptively(HANG, () -> {
			try {
				mapEveryRow(kind, new ByteArrayInputStream(input, 1, input.length - 1));
			}
			catch (InvalidInputException refused) {
				// The import's own answer: a refused file or a rejected row.
			}
		});
	}

	/** What CsvImport does with a file, up to the database. */
	static long mapEveryRow(ImportKind kind, java.io.InputStream raw) {
		BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
		long mapped = 0;
		try {
			Charset charset = Encodings.detect(in);
			try (CSVParser parser = CsvImport.open(new InputStreamReader(in, charset))) {
				Set<String> extras = CsvImport.checkHeader(kind, parser.getHeaderNames());
				for (CSVRecord row : parser) {
					try {
						if (!row.isConsistent()) {
							throw new InvalidInputException("inconsistent row");
						}
						switch (kind) {
							case ACCOUNTS -> {
								RowMapping.required(row, "external_id");
								RowMapping.account(row, extras);
							}
							case CONTACTS -> {
								RowMapping.required(row, "external_id");
								RowMapping.contact(row, extras);
							}
							case SUBSCRIPTIONS -> {
								RowMapping.required(row, "external_id");
								RowMapping.subscription(row, "JPY");
							}
							case EVENTS -> EventRows.message(row, RECEIVED);
						}
						mapped++;
					}
					catch (InvalidInputException rejected) {
						// one rejected row; the import goes on with the next
					}
				}
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			// CsvImport turns exactly these (unreadable or malformed CSV) into a FileRefusedException.
			throw new FileRefusedException("not valid CSV: " + ex.getMessage(), java.util.List.of());
		}
		return mapped;
	}
}
