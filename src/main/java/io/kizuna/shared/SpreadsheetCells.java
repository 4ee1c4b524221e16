package io.kizuna.shared;

/**
 * Cells of exported CSV files are opened by spreadsheets, which run a cell that starts with {@code =}, {@code +},
 * {@code -} or {@code @} (and, through tab and carriage return, what follows) as a formula: a customer's name such
 * as {@code =HYPERLINK(…)} would run on the reader's machine. Such a cell gets a leading apostrophe (OWASP, "CSV
 * Injection"); the full-width forms an IME produces are treated the same way.
 */
public final class SpreadsheetCells {

	private SpreadsheetCells() {
	}

	public static String neutralise(String cell) {
		if (cell == null || cell.isEmpty()) {
			return cell;
		}
		return switch (cell.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + cell;
			default -> cell;
		};
	}
}
