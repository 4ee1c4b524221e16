package io.kizuna.shared.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.kizuna.KizunaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log of the packaged jar as an operator keeps it: {@code java -jar kizuna.jar demo 2> kizuna.log} typed in a
 * terminal, so stdout is a terminal and stderr (the log) a file. Run through {@code script}, which gives the command a
 * pseudo-terminal the way a person's shell does, and on a machine whose zone is Asia/Tokyo. The log has no colour
 * codes, every time is UTC and says so, the thirty scoring runs of the demo are one line, and springdoc does not warn.
 */
class LogLinesIT {

	static final String SCRIPT = "/usr/bin/script";

	@TempDir
	Path temp;

	@Test
	void theDemosLogIsPlainUtcAndShort() throws Exception {
		Path out = temp.resolve("stdout.txt");
		Path log = temp.resolve("kizuna.log");
		int port = KizunaProcess.freePort();
		List<String> java = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		java.addAll(KizunaProcess.JVM_OPTIONS);
		java.addAll(List.of("-Duser.timezone=Asia/Tokyo", "-jar", Path.of("target/kizuna.jar").toAbsolutePath().toString(),
				"demo", "--accounts", "12", "--days", "40", "--server.port=" + port,
				"--kizuna.embedded-postgres.data-dir=" + temp.resolve("data")));
		boolean terminal = new File(SCRIPT).canExecute();
		ProcessBuilder builder;
		if (terminal) {
			// script runs the command on a pseudo-terminal: stdout is a terminal, stderr goes to the file.
			builder = new ProcessBuilder(SCRIPT, "-q", "-e", "-c", quoted(java) + " 2> " + quoted(List.of(log.toString())),
					"/dev/null");
		}
		else {
			builder = new ProcessBuilder(java).redirectError(log.toFile());
		}
		Process process = builder.redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
		try {
			long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
			while (!Files.readString(out).contains("Kizuna demo is ready") && System.nanoTime() < deadline) {
				assertThat(process.isAlive()).as("the demo died: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
				Thread.sleep(500);
			}
			assertThat(Files.readString(out)).as("the demo started").contains("Kizuna demo is ready");
		}
		finally {
			stop(process);
		}
		String text = Files.readString(log);
		List<String> lines = text.lines().toList();
		assertThat(lines).as("the log").isNotEmpty();
		assertThat(text).as("no ANSI escape codes in a log written to a file").doesNotContain("\u001b");
		List<String> stamped = new ArrayList<>();
		for (String line : lines) {
			if (line.matches("^\\d{4}-\\d{2}-\\d{2}[T ].*")) {
				stamped.add(line);
			}
		}
		assertThat(stamped).as("log lines with a time").hasSizeGreaterThan(10)
			.allSatisfy(line -> assertThat(line).as("a time in UTC, marked Z (the JVM's zone is Asia/Tokyo)")
				.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z .*"));
		assertThat(lines).as("the per-run scoring lines are at debug level")
			.noneMatch(line -> line.contains("io.kizuna.health.HealthScoring") && line.contains("Scored "));
		assertThat(lines).as("one summary line for the demo's thirty days of scores")
			.filteredOn(line -> line.contains("Demo: scored 30 days of health in")).hasSize(1);
		assertThat(lines).as("springdoc's warning is answered by a setting").noneMatch(line -> line.contains("SpringDoc"));
	}

	private static void stop(Process process) throws InterruptedException {
		// script does not pass SIGTERM on to its command: stop the JVM itself, then script ends with it.
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
	}

	private static String quoted(List<String> words) {
		return String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
	}
}
