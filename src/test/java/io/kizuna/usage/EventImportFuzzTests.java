package io.kizuna.usage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kizuna.imports.ImportFuzzing;

/**
 * Fuzzing of the events import's row mapping (see {@link ImportFuzzing}). Seeds in
 * {@code src/test/resources/io/kizuna/usage/EventImportFuzzTestsInputs}.
 */
class EventImportFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void anyFileIsImportedOrRefusedCleanly(byte[] input) {
		ImportFuzzing.importedOrRefusedCleanly(input, 1, i -> new ImportFuzzing.Target(
				header -> EventImports.EVENTS.check("events", header),
				(row, file) -> EventRows.message(row, file.receivedAt())));
	}
}
