package io.kizuna.imports;

import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the CSV import's own parsing (everything before a target maps a row): encoding
 * detection, the CSV parser with the import's format, the header check and reading every column of every row by
 * name, as text, date and date-time. Each module fuzzes its own target's row mapping the same way
 * ({@code AccountImportFuzzTests}, {@code EventImportFuzzTests}, {@code TransactionImportFuzzTests}, through
 * {@link ImportFuzzing}).
 *
 * <p>{@code mvn verify} runs the seed corpus ({@code src/test/resources/io/kizuna/imports/CsvImportFuzzTestsInputs})
 * once (Jazzer's regression mode). To fuzz for real: {@code JAZZER_FUZZ=1 mvn test -Dtest=CsvImportFuzzTests}
 * (docs/security.md); findings land in the same directory and then run on every build.
 */
class CsvImportFuzzTests {

	/** Two layouts: one that keeps other columns, one that refuses them. */
	static final List<ImportColumns> LAYOUTS = List.of(
			new ImportColumns(List.of("external_id", "name"), Set.of("domain", "tier"), true),
			new ImportColumns(List.of("timestamp"), Set.of("event", "user_id", "properties"), false));

	@FuzzTest(maxDuration = "60s")
	void anyFileIsImportedOrRefusedCleanly(byte[] input) {
		ImportFuzzing.importedOrRefusedCleanly(input, LAYOUTS.size(),
				i -> new ImportFuzzing.Target(header -> LAYOUTS.get(i).check("fuzz", header), (row, file) -> {
					for (String column : file.header()) {
						row.value(column);
						try {
							row.date(column);
						}
						finally {
							row.instant(column);
						}
					}
					row.values(file.extraColumns());
				}));
	}
}
