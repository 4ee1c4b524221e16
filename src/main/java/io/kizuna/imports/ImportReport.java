package io.kizuna.imports;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an import: every line read is imported, rejected with its reason, or (events) recognised as stored
 * before. {@code rejectedLines} lists at most the first {@value CsvImport#MAX_LISTED} rejections;
 * {@code rejectedByCause} counts all of them by cause (the reason up to its first colon).
 *
 * @param complete false when the file broke part way (an unclosed quote): the rows before the break were imported
 * and are counted here, nothing from the break on was read (ADR 0027)
 * @param stoppedAt where and why reading stopped; null when the file was read to its end
 */
public record ImportReport(String kind, String encoding, long rowsRead, long imported, long duplicates,
		long rejected, List<RejectedLine> rejectedLines, Map<String, Long> rejectedByCause, List<Cause> causes,
		boolean complete, StoppedAt stoppedAt) {

	/**
	 * All rejections counted by reason, as the page names them: the message key ({@code import.reason.*}) and its
	 * first argument (the column, or for reasons without a key the English cause).
	 */
	public record Cause(String key, Object subject, long count) {
	}

	/**
	 * @param line the line of the file the row starts on (the header is line 1)
	 * @param reason in English, as the CLI and the errors file show it
	 * @param key the message key of the reason for the page ({@code import.reason.*})
	 * @param arguments the key's arguments
	 */
	public record RejectedLine(long line, String reason, String key, List<Object> arguments) {

		public RejectedLine(long line, String reason) {
			this(line, reason, "import.reason.other", List.of(reason));
		}
	}

	/**
	 * @param line the line the broken row starts on: lines before it were read, it and all after it were not
	 * @param reason the CSV library's words, in English
	 * @param key {@code import.stopped.unclosedQuote}, {@code import.stopped.afterQuote} or {@code import.stopped.other}
	 */
	public record StoppedAt(long line, String reason, String key) {
	}
}
