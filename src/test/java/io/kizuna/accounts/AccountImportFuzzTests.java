package io.kizuna.accounts;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportFuzzing;

/**
 * Fuzzing of the accounts, contacts and subscriptions imports' row mapping (see {@link ImportFuzzing}); the first
 * byte chooses which. Seeds in {@code src/test/resources/io/kizuna/accounts/AccountImportFuzzTestsInputs}.
 */
class AccountImportFuzzTests {

	static final List<ImportColumns> COLUMNS = List.of(AccountImports.ACCOUNTS, AccountImports.CONTACTS,
			AccountImports.SUBSCRIPTIONS);

	static final List<String> CODES = List.of("accounts", "contacts", "subscriptions");

	@FuzzTest(maxDuration = "60s")
	void anyFileIsImportedOrRefusedCleanly(byte[] input) {
		ImportFuzzing.importedOrRefusedCleanly(input, COLUMNS.size(),
				i -> new ImportFuzzing.Target(header -> COLUMNS.get(i).check(CODES.get(i), header), (row, file) -> {
					row.required("external_id");
					switch (i) {
						case 0 -> AccountImports.account(row, file, new Vocabulary(AccountVocabulary.TIER, AccountVocabulary.TIER.defaults()),
								new Vocabulary(AccountVocabulary.LIFECYCLE_STAGE, AccountVocabulary.LIFECYCLE_STAGE.defaults()));
						case 1 -> AccountImports.contact(row, file);
						default -> AccountImports.subscription(row, file.currency());
					}
				}));
	}
}
