package io.kizuna.imports;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an import: every line read is imported, rejected with its reason, or (events) recognised as stored
 * before. {@code rejectedLines} lists at most the first {@value CsvImport#MAX_LISTED} rejections;
 * {@code rejectedByCause} counts all of them by cause (the reason up to its first colon).
 */
public record ImportReport(String kind, String encoding, long rowsRead, long imported, long duplicates,
		long rejected, List<RejectedLine> rejectedLines, Map<String, Long> rejectedByCause) {

	/** @param line the line of the file the row starts on (the header is line 1) */
	public record RejectedLine(long line, String reason) {
	}
}
