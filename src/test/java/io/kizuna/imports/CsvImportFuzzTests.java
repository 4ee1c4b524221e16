package io.kizuna.imports;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kizuna.shared.InvalidInputException;

/**
 * Coverage-guided fuzzing of the CSV import's parsing and row mapping (everything before the database): encoding
 * detection, the CSV parser with the import's format, the header check and the mapping of each row, for every kind of
 * import including transactions — through {@link CsvImport#read}, the same method every import runs. Whatever the
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

	/**
	 * What CsvImport does with a file, up to the database: the import's own {@link CsvImport#read}, the code every
	 * import runs, with each mapped row counted instead of stored.
	 */
	static long mapEveryRow(ImportKind kind, java.io.InputStream raw) {
		long[] mapped = { 0 };
		CsvImport.read(kind, raw, null, "JPY", ZoneId.of("Asia/Tokyo"), RECEIVED, new CsvImport.Rows() {
			@Override
			public void mapped(long line, String externalId, Object row) {
				if (row == null || kind != ImportKind.EVENTS && kind != ImportKind.TRANSACTIONS && externalId == null) {
					throw new AssertionError("line " + line + " mapped to nothing");
				}
				mapped[0]++;
			}

			@Override
			public void rejected(long line, String reason) {
				if (reason == null || reason.isBlank()) {
					throw new AssertionError("line " + line + " rejected without a reason");
				}
			}
		});
		return mapped[0];
	}
}
