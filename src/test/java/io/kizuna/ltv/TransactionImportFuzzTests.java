package io.kizuna.ltv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kizuna.imports.ImportFuzzing;

/**
 * Fuzzing of the transactions import's row mapping, both layouts (see {@link ImportFuzzing}). Seeds in
 * {@code src/test/resources/io/kizuna/revenue/TransactionImportFuzzTestsInputs}.
 */
class TransactionImportFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void anyFileIsImportedOrRefusedCleanly(byte[] input) {
		// One reading state per file, as the import has: equal rows of one invoice get distinct ids.
		TransactionRows[] rows = new TransactionRows[1];
		ImportFuzzing.importedOrRefusedCleanly(input, 1,
				i -> new ImportFuzzing.Target(TransactionImports::checkHeader, (row, file) -> {
					if (rows[0] == null) {
						rows[0] = TransactionImports.rows(file);
					}
					rows[0].draft(row);
				}));
	}
}
