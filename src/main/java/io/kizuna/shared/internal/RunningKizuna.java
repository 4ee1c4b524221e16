package io.kizuna.shared.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The live Kizuna process that owns a data directory's embedded PostgreSQL. The owner writes its pid and start time
 * to {@code kizuna.pid} in the data directory before it starts PostgreSQL and removes the file when it has stopped
 * it. A PostgreSQL whose owner is alive is never stopped by another process: that process works through it or
 * refuses. Only a PostgreSQL whose owner died (SIGKILL, a crash) is an orphan that may be stopped.
 *
 * @param dataDirectory the data directory (absolute)
 * @param pid the owning process
 * @param postgresPort the port its PostgreSQL listens on, when it runs
 */
public record RunningKizuna(Path dataDirectory, long pid, OptionalInt postgresPort) {

	static final String OWNER_FILE = "kizuna.pid";

	/** The live owner of {@code dataDirectory}, when it is another process than this one. */
	public static Optional<RunningKizuna> on(Path dataDirectory) {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		return owner(directory).filter(pid -> pid != ProcessHandle.current().pid())
			.map(pid -> new RunningKizuna(directory, pid, postgresPort(directory.resolve("pg17"))));
	}

	/** "Kizuna (pid 4711) is running on /srv/kizuna-data" — the start of every sentence that refuses because of it. */
	public String describe() {
		return "Kizuna (pid " + pid + ") is running on " + dataDirectory;
	}

	/** Whether its PostgreSQL accepts a new connection now (not starting up, not shutting down). */
	public boolean answers() {
		if (postgresPort.isEmpty()) {
			return false;
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl() + "?connectTimeout=5&socketTimeout=10",
				"postgres", "")) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + postgresPort.orElseThrow() + "/" + EmbeddedPostgresServer.DATABASE;
	}

	/** Writes this process as the owner; called before this process starts PostgreSQL there. */
	static void claim(Path dataDirectory) throws IOException {
		ProcessHandle self = ProcessHandle.current();
		Files.createDirectories(dataDirectory);
		Files.writeString(dataDirectory.resolve(OWNER_FILE), self.pid() + " "
				+ self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");
	}

	/** Removes the owner file, if it still names this process. */
	static void release(Path dataDirectory) {
		Path file = dataDirectory.resolve(OWNER_FILE);
		try {
			if (owner(dataDirectory).filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// A stale owner file names a dead process: the next start treats it as gone.
		}
	}

	/** Whether an owner file exists at all (a live PostgreSQL without one was not started by this Kizuna). */
	static boolean ownerFileExists(Path dataDirectory) {
		return Files.exists(dataDirectory.resolve(OWNER_FILE));
	}

	/** The pid in the owner file when that process is alive and is the one that wrote it (pids get reused). */
	private static Optional<Long> owner(Path directory) {
		try {
			List<String> fields = List.of(Files.readString(directory.resolve(OWNER_FILE)).trim().split("\\s+"));
			long pid = Long.parseLong(fields.get(0));
			long started = fields.size() > 1 ? Long.parseLong(fields.get(1)) : 0;
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(process -> started == 0 || process.info().startInstant()
					.map(instant -> Math.abs(instant.toEpochMilli() - started) < 2_000)
					.orElse(true))
				.map(ProcessHandle::pid);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** postmaster.pid: line 1 the postmaster's pid, line 4 its port; only while that postmaster is alive. */
	private static OptionalInt postgresPort(Path pgDirectory) {
		try {
			List<String> lines = Files.readAllLines(pgDirectory.resolve("postmaster.pid"));
			if (lines.size() < 4 || ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive).isEmpty()) {
				return OptionalInt.empty();
			}
			return OptionalInt.of(Integer.parseInt(lines.get(3).trim()));
		}
		catch (IOException | RuntimeException ex) {
			return OptionalInt.empty();
		}
	}
}
