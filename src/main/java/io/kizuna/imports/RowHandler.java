package io.kizuna.imports;

import java.util.function.Consumer;

/** Where one file's rows go. */
public interface RowHandler {

	/**
	 * Stores the row, or keeps it for {@link #flush()}, and counts what was stored through the {@link ImportFile}.
	 *
	 * @throws io.kizuna.shared.InvalidInputException or {@link io.kizuna.shared.NotFoundException} to reject the row:
	 * its line is reported with the message, and the import goes on
	 */
	void accept(ImportRow row);

	/** Stores the rows kept; called at the end of the file. */
	default void flush() {
	}

	/** Each row stored on its own as it comes (upserts by external id), counted as imported. */
	static RowHandler each(ImportFile file, Consumer<ImportRow> store) {
		return row -> {
			store.accept(row);
			file.stored(1, 0);
		};
	}
}
