package io.kizuna.imports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.kizuna.shared.WorkspaceId;

/** One file being imported: what a target's rows need to know, and where they report what became of them. */
public interface ImportFile {

	WorkspaceId workspaceId();

	/** The workspace's currency, for amounts without one (ISO 4217 code). */
	String currency();

	/** The workspace's time zone, for dates and times without an offset. */
	ZoneId timeZone();

	/** When the import started: the receive time of imported events. */
	Instant receivedAt();

	List<String> header();

	/** The header's columns beyond the target's known ones. */
	Set<String> extraColumns();

	/** Rows stored, and rows recognised as stored before (nothing changed). */
	void stored(long imported, long duplicates);

	/** A row kept for a later store that turned out not to fit; the first message part up to a colon is its cause. */
	void rejected(long line, String reason);

	/** As {@link #rejected(long, String)}, with the message key ({@code import.reason.*}) the page shows it by. */
	default void rejected(long line, String reason, String key, List<Object> arguments) {
		rejected(line, reason);
	}
}
