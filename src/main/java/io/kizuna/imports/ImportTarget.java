package io.kizuna.imports;

import java.util.List;
import java.util.Set;

/**
 * What a CSV file can hold and where its rows go. Each module contributes its own targets as beans (accounts its
 * accounts, contacts and subscriptions, usage its events, revenue its transactions); the CLI, the REST API and the
 * import page list and use whatever targets exist, so imports depends on none of them (ADR 0022).
 */
public interface ImportTarget {

	/** The name in {@code import <code> FILE}, {@code /api/v1/imports/<code>} and the message {@code import.kind.<code>}. */
	String code();

	/** Where it sits in lists and in the "unknown import" answer. */
	default int order() {
		return 1000;
	}

	ImportColumns columns();

	/**
	 * Checks the header before any row is read and answers the columns beyond the known ones (kept as attributes
	 * by targets that keep them). A target that also reads another layout whole (the UCI Online Retail export)
	 * recognises it here.
	 *
	 * @throws FileRefusedException when the file cannot be imported as this target
	 */
	default Set<String> checkHeader(List<String> header) {
		return columns().check(code(), header);
	}

	/**
	 * One example row for the downloadable template, a value for each of {@link ImportColumns#required()} then
	 * {@link ImportColumns#optional()} in their order; empty for a template of the header only.
	 */
	default List<String> example() {
		return List.of();
	}

	/** Starts one file's import: where its rows go and how they are counted. */
	RowHandler open(ImportFile file);

	/** A target with the usual header check. */
	static ImportTarget of(String code, int order, ImportColumns columns,
			java.util.function.Function<ImportFile, RowHandler> open) {
		return of(code, order, columns, List.of(), open);
	}

	/** A target with the usual header check and an example row for its template. */
	static ImportTarget of(String code, int order, ImportColumns columns, List<String> example,
			java.util.function.Function<ImportFile, RowHandler> open) {
		return new ImportTarget() {

			@Override
			public List<String> example() {
				return example;
			}

			@Override
			public String code() {
				return code;
			}

			@Override
			public int order() {
				return order;
			}

			@Override
			public ImportColumns columns() {
				return columns;
			}

			@Override
			public RowHandler open(ImportFile file) {
				return open.apply(file);
			}

			@Override
			public String toString() {
				return code;
			}
		};
	}
}
