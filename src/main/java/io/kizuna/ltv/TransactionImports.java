package io.kizuna.ltv;

import java.util.List;
import java.util.Set;

import io.kizuna.imports.Batches;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportFile;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.imports.Stored;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Purchases from a CSV: {@code customer_id,date,amount[,currency][,transaction_id]}, or the UCI Online Retail
 * export as it is (recognised by its header). Equal source ids count as already stored.
 */
@Configuration(proxyBeanMethods = false)
class TransactionImports {

	static final ImportColumns TRANSACTIONS = new ImportColumns(List.of("customer_id", "date", "amount"),
			Set.of("currency", "transaction_id"), false);

	static final int CHUNK = 5_000;

	@Bean
	ImportTarget transactionsImport(TransactionLog transactions) {
		return new ImportTarget() {

			@Override
			public String code() {
				return "transactions";
			}

			@Override
			public int order() {
				return 50;
			}

			@Override
			public ImportColumns columns() {
				return TRANSACTIONS;
			}

			@Override
			public Set<String> checkHeader(List<String> header) {
				return TransactionImports.checkHeader(header);
			}

			@Override
			public RowHandler open(ImportFile file) {
				TransactionRows rows = rows(file);
				return Batches.of(file, CHUNK, rows::draft, drafts -> {
					TransactionLog.Recorded recorded = transactions.record(file.workspaceId(), drafts);
					return new Stored(recorded.stored(), recorded.duplicates());
				});
			}
		};
	}

	/** The UCI layout is read whole; any other header must fit the columns. */
	static Set<String> checkHeader(List<String> header) {
		return TransactionRows.isUci(header) ? Set.of() : TRANSACTIONS.check("transactions", header);
	}

	/** One file's reading state: the layout, and the equal rows seen so far in the current group. */
	static TransactionRows rows(ImportFile file) {
		return new TransactionRows(TransactionRows.isUci(file.header()), file.timeZone(), file.currency());
	}
}
