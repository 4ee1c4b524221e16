package io.kizuna.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL of a running Kizuna holds its data directory. A backup then connects to that server (a
 * hot backup: one snapshot, Kizuna keeps serving) instead of starting a second one on the same files; a restore
 * refuses, since it would replace data under a running server.
 */
public final class RunningServer {

	private RunningServer() {
	}

	/** The command's arguments, with the running embedded server's address added when there is one. */
	public static List<String> options(String command, List<String> args) {
		if (args.stream().anyMatch(arg -> arg.startsWith("--spring.datasource.url="))
				|| System.getenv("SPRING_DATASOURCE_URL") != null) {
			return args;
		}
		Path dataDir = Path.of(args.stream()
			.filter(arg -> arg.startsWith("--kizuna.embedded-postgres.data-dir="))
			.map(arg -> arg.substring(arg.indexOf('=') + 1))
			.reduce((first, last) -> last)
			.orElse(Optional.ofNullable(System.getenv("KIZUNA_EMBEDDED_POSTGRES_DATA_DIR")).orElse("./kizuna-data")));
		Optional<Integer> port = port(dataDir.resolve("pg17/postmaster.pid"));
		if (port.isEmpty()) {
			return args;
		}
		if ("restore".equals(command)) {
			throw new BackupRefusedException("Kizuna's PostgreSQL is running on " + dataDir
					+ "; stop Kizuna (SIGTERM) before restoring");
		}
		List<String> result = new ArrayList<>(args);
		result.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port.get() + "/kizuna");
		result.add("--spring.datasource.username=postgres");
		return result;
	}

	/** postmaster.pid: line 1 the process id, line 4 the port. */
	static Optional<Integer> port(Path pidFile) {
		try {
			if (!Files.exists(pidFile)) {
				return Optional.empty();
			}
			List<String> lines = Files.readAllLines(pidFile);
			if (lines.size() < 4 || ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive).isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(Integer.parseInt(lines.get(3).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}
}
