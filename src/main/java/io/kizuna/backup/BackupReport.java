package io.kizuna.backup;

import java.nio.file.Path;

/** The one line a backup or restore prints when it is done. */
final class BackupReport {

	private BackupReport() {
	}

	static void print(String done, Path archive, BackupSummary summary, long startedNanos) {
		System.out.printf("%s %s: %d tables, %,d rows, schema version %s, taken %s (%.1f s)%n", done, archive,
				summary.rows().size(), summary.totalRows(), summary.schemaVersion(), summary.createdAt(),
				(System.nanoTime() - startedNanos) / 1e9);
	}
}
