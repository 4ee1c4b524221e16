package io.kizuna;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged jar run as its own process, as an operator runs it: servers and command-line tools. */
public final class KizunaProcess {

	static final Path JAR = Path.of("target/kizuna.jar");

	/**
	 * How the tests start the jar: with at most 512 MB, and (a harness choice, not an operator's) C1 only and the
	 * serial collector, which halve a short-lived JVM's start-up CPU on this 2-core machine (ADR 0131).
	 */
	public static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private KizunaProcess() {
	}

	/** Runs a command to its end; answers the exit code, the output is in {@code log}. */
	public static int run(Path log, String... args) throws Exception {
		Process process = start(log, List.of(args));
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("command did not end: " + String.join(" ", args));
		}
		return process.exitValue();
	}

	/** What a command printed, on each stream, and its exit code. */
	public record Outcome(int exitCode, String stdout, String stderr) {
	}

	/**
	 * Runs a command to its end in {@code workingDirectory}, with stdout and stderr kept apart: what a script reads
	 * and what a person reads.
	 */
	public static Outcome runIn(Path workingDirectory, String... args) throws Exception {
		Path out = Files.createTempFile("kizuna-stdout", ".txt");
		Path err = Files.createTempFile("kizuna-stderr", ".txt");
		try {
			List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
			command.addAll(JVM_OPTIONS);
			command.addAll(List.of("-jar", jar().toString()));
			command.addAll(List.of(args));
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError("command did not end: " + String.join(" ", args));
			}
			return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	/** Starts a server and waits until its log shows {@code ready} (and the port answers). */
	public static Process serve(Path log, int port, Predicate<String> ready, String... args) throws Exception {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--server.port=" + port);
		Process process = start(log, all);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("server died: " + Files.readString(log));
			}
			try {
				if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && ready.test(Files.readString(log))) {
					return process;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(300);
		}
		process.destroyForcibly();
		throw new AssertionError("server did not start: " + Files.readString(log));
	}

	/** SIGTERM, and the exit code once it has stopped. */
	public static int stop(Process process) throws Exception {
		process.destroy();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("server did not stop on SIGTERM");
		}
		return process.exitValue();
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Path jar() {
		if (!Files.exists(JAR)) {
			throw new AssertionError("the packaged jar is missing (failsafe runs after package)");
		}
		return JAR.toAbsolutePath();
	}

	private static Process start(Path log, List<String> args) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		command.addAll(JVM_OPTIONS);
		command.addAll(List.of("-jar", jar().toString()));
		command.addAll(args);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}
}
