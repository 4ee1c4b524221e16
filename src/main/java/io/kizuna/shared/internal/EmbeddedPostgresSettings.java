package io.kizuna.shared.internal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the embedded PostgreSQL runs.
 *
 * @param dataDir Kizuna's data directory; PostgreSQL keeps its files in {@code pg17} below it
 * @param port 0 picks a free port
 * @param clean wipe the database at start (tests only)
 * @param fsync off only for throw-away test databases
 */
@ConfigurationProperties("kizuna.embedded-postgres")
record EmbeddedPostgresSettings(@DefaultValue("./kizuna-data") Path dataDir, @DefaultValue("0") int port,
		@DefaultValue("false") boolean clean, @DefaultValue("true") boolean fsync,
		@DefaultValue("256MB") String sharedBuffers) {

	Path pgDirectory() {
		return dataDir.toAbsolutePath().normalize().resolve("pg17");
	}
}
