package io.kizuna.backup;

import java.util.Map;

/** What a backup holds or a restore loaded: the schema version and the rows of every table. */
public record BackupSummary(String schemaVersion, String createdAt, Map<String, Long> rows) {

	public long totalRows() {
		return rows.values().stream().mapToLong(Long::longValue).sum();
	}
}
