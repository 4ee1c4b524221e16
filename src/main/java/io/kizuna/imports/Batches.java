package io.kizuna.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;

/**
 * Rows mapped at once and stored a chunk at a time, for targets where one statement per row would be slow (events,
 * transactions). A chunk is one store; if it fails, its rows go one by one so only the bad ones are rejected.
 */
public final class Batches {

	private Batches() {
	}

	public static <T> RowHandler of(ImportFile file, int size, Function<ImportRow, T> map,
			Function<List<T>, Stored> store) {
		return new RowHandler() {

			private final List<T> pending = new ArrayList<>();

			private final List<Long> lines = new ArrayList<>();

			@Override
			public void accept(ImportRow row) {
				pending.add(map.apply(row));
				lines.add(row.line());
				if (pending.size() >= size) {
					flush();
				}
			}

			@Override
			public void flush() {
				if (pending.isEmpty()) {
					return;
				}
				List<T> chunk = List.copyOf(pending);
				List<Long> chunkLines = List.copyOf(lines);
				pending.clear();
				lines.clear();
				try {
					count(store.apply(chunk));
				}
				catch (InvalidInputException | NotFoundException ex) {
					for (int i = 0; i < chunk.size(); i++) {
						try {
							count(store.apply(List.of(chunk.get(i))));
						}
						catch (RowRejectedException one) {
							file.rejected(chunkLines.get(i), one.getMessage(), one.key(), one.arguments());
						}
						catch (InvalidInputException | NotFoundException one) {
							file.rejected(chunkLines.get(i), one.getMessage());
						}
					}
				}
			}

			private void count(Stored stored) {
				file.stored(stored.imported(), stored.duplicates());
			}
		};
	}
}
