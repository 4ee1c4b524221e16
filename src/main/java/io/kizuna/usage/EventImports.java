package io.kizuna.usage;

import java.util.List;
import java.util.Set;

import io.kizuna.imports.Batches;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.Stored;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Events from a CSV, stored as the Segment API stores them, 5,000 to a transaction; message ids recognise re-runs. */
@Configuration(proxyBeanMethods = false)
class EventImports {

	static final ImportColumns EVENTS = new ImportColumns(List.of("timestamp"),
			Set.of("message_id", "type", "event", "user_id", "anonymous_id", "account_external_id", "properties"), false);

	static final int CHUNK = 5_000;

	@Bean
	ImportTarget eventsImport(UsageIngestion ingestion) {
		return ImportTarget.of("events", 40, EVENTS, file -> Batches.of(file, CHUNK,
				row -> EventRows.message(row, file.receivedAt()), messages -> {
					IngestionResult result = ingestion.ingest(file.workspaceId(), messages);
					return new Stored(result.stored(), result.duplicates());
				}));
	}
}
