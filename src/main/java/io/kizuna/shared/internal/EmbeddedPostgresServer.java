package io.kizuna.shared.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL 17 server Kizuna starts in its data directory when no external database is configured.
 * One server per data directory and JVM: contexts that share a directory (tests) share the server, and
 * the last one to close stops it.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String DATABASE = "kizuna";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Map<Path, EmbeddedPostgresServer> running = new HashMap<>();

	private final Path dataDirectory;

	private final EmbeddedPostgres postgres;

	private int users;

	private final Path ownerDirectory;

	private EmbeddedPostgresServer(Path dataDirectory, Path ownerDirectory, EmbeddedPostgres postgres) {
		this.dataDirectory = dataDirectory;
		this.ownerDirectory = ownerDirectory;
		this.postgres = postgres;
	}

	static synchronized EmbeddedPostgresServer acquire(EmbeddedPostgresSettings settings) {
		Path directory = settings.pgDirectory();
		EmbeddedPostgresServer server = running.get(directory);
		if (server == null) {
			Path owner = directory.getParent();
			// The command line refuses or connects to a running Kizuna before Spring starts; this is the last
			// guard for every other way in (a second serve started in a race, an embedding test).
			RunningKizuna.on(owner).ifPresent(live -> {
				throw new IllegalStateException(live.describe() + "; stop it first or use another data directory");
			});
			try {
				stopOrphanedServer(directory, RunningKizuna.ownerFileExists(owner));
				RunningKizuna.claim(owner);
				server = new EmbeddedPostgresServer(directory, owner, start(settings));
			}
			catch (IOException | RuntimeException ex) {
				RunningKizuna.release(owner);
				throw ex instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) ex;
			}
			server.createDatabaseIfMissing();
			running.put(directory, server);
		}
		server.users++;
		return server;
	}

	String jdbcUrl() {
		return postgres.getJdbcUrl("postgres", DATABASE);
	}

	int port() {
		return postgres.getPort();
	}

	@Override
	public void close() {
		synchronized (EmbeddedPostgresServer.class) {
			if (--users > 0) {
				return;
			}
			running.remove(dataDirectory);
		}
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			RunningKizuna.release(ownerDirectory);
		}
	}

	private static EmbeddedPostgres start(EmbeddedPostgresSettings settings) {
		Path directory = settings.pgDirectory();
		try {
			Files.createDirectories(directory);
			if (settings.clean()) {
				// A throw-away database starts empty even when an earlier run died before cleaning up.
				org.springframework.util.FileSystemUtils.deleteRecursively(directory);
				Files.createDirectories(directory);
			}
			long started = System.nanoTime();
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(settings.clean())
				// Spring's own shutdown closes the context, then this server: a hook of zonky's would stop
				// PostgreSQL while the context still needs it (event registry, pools).
				.setRegisterShutdownHook(false)
				.setPort(settings.port())
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "200")
				.setServerConfig("shared_buffers", settings.sharedBuffers())
				.setServerConfig("fsync", settings.fsync() ? "on" : "off")
				.setServerConfig("synchronous_commit", settings.fsync() ? "on" : "off")
				.setServerConfig("full_page_writes", settings.fsync() ? "on" : "off")
				.setServerConfig("timezone", "UTC")
				.setLocaleConfig("encoding", "UTF8")
				.setLocaleConfig("locale", "C.UTF-8")
				.start();
			log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(), directory,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			return postgres;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL in " + directory + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * A JVM killed with SIGKILL leaves its PostgreSQL child running and holding the data directory. Stop it
	 * (SIGTERM is a smart shutdown; its clients are gone) so this start can take over. Called only when no live
	 * process owns the directory ({@link RunningKizuna}); a PostgreSQL that no owner file accounts for at all (an
	 * older Kizuna's, an operator's own) is left alone.
	 */
	private static void stopOrphanedServer(Path directory, boolean ownerFileFound) throws IOException {
		Path pidFile = directory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		Optional<ProcessHandle> orphan = Files.readAllLines(pidFile)
			.stream()
			.findFirst()
			.map(String::trim)
			.filter(line -> line.matches("\\d+"))
			.flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
			.filter(ProcessHandle::isAlive)
			.filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
		if (orphan.isPresent() && !ownerFileFound) {
			throw new IllegalStateException("A PostgreSQL (pid " + orphan.get().pid() + ") that no Kizuna process owns is "
					+ "running on " + directory + "; stop it (kill " + orphan.get().pid() + ") and start again");
		}
		if (orphan.isPresent()) {
			log.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {}", orphan.get().pid(), directory);
			orphan.get().destroy();
			try {
				orphan.get().onExit().get(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("An orphaned PostgreSQL (pid " + orphan.get().pid()
						+ ") still holds " + directory + "; stop it and start again", ex);
			}
		}
	}

	private void createDatabaseIfMissing() {
		DataSource admin = postgres.getPostgresDatabase();
		try (Connection connection = admin.getConnection();
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, DATABASE);
			if (!exists.executeQuery().next()) {
				try (var create = connection.createStatement()) {
					create.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the database " + DATABASE, ex);
		}
	}
}
