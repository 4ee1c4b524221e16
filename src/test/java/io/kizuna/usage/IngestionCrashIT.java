package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kizuna.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kizuna as its own process, under a stream of batches, killed with SIGKILL together with its PostgreSQL, restarted;
 * the client retries what was not acknowledged. Every acknowledged event must be stored exactly once, and nothing
 * unacknowledged may be half-stored.
 */
class IngestionCrashIT {

	static final int BATCH = 100;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	Process server;

	Path dataDir;

	int port;

	@AfterEach
	void stop() {
		if (server != null) {
			server.destroy();
		}
	}

	@Test
	void acknowledgedBatchesSurviveAKillAndRetriesStoreNothingTwice() throws Exception {
		dataDir = Files.createTempDirectory("kizuna-crash");
		port = freePort();
		server = start();

		List<Integer> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Integer> unacknowledged = new ArrayList<>();
		AtomicBoolean killed = new AtomicBoolean();
		Thread killer = new Thread(() -> {
			while (acknowledged.size() < 30) {
				Thread.onSpinWait();
			}
			// Mid-stream: the sender is inside its next call when both processes die.
			killAll();
			killed.set(true);
		});
		killer.start();
		for (int batch = 0; batch < 500 && !(killed.get() && unacknowledged.size() >= 3); batch++) {
			if (send(batch)) {
				acknowledged.add(batch);
			}
			else {
				unacknowledged.add(batch);
			}
		}
		killer.join();
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);
		assertThat(unacknowledged).isNotEmpty();

		server = start();
		try (Connection db = database()) {
			for (int batch : unacknowledged) {
				assertThat(stored(db, batch)).as("batch %d is all or nothing", batch).isIn(0L, (long) BATCH);
			}
			for (int batch : unacknowledged) {
				assertThat(send(batch)).as("retry of batch %d", batch).isTrue();
			}
			for (int batch : acknowledged) {
				assertThat(stored(db, batch)).as("acknowledged batch %d", batch).isEqualTo(BATCH);
			}
			for (int batch : unacknowledged) {
				assertThat(stored(db, batch)).as("retried batch %d", batch).isEqualTo(BATCH);
			}
			try (ResultSet rs = db.createStatement()
				.executeQuery("select count(*), count(distinct message_id) from event where message_id like 'crash-%'")) {
				rs.next();
				assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2))
					.isEqualTo((long) (acknowledged.size() + unacknowledged.size()) * BATCH);
			}
		}
	}

	private boolean send(int batch) {
		StringBuilder body = new StringBuilder("{\"batch\":[");
		for (int i = 0; i < BATCH; i++) {
			body.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"u").append(i % 7).append("\",\"event\":\"Crash Test\",")
				.append("\"messageId\":\"crash-").append(batch).append('-').append(i).append("\"}");
		}
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/batch"))
				.header("Authorization", TestHttp.basic(TestHttp.WRITE_KEY))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"success\":true");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Process start() throws Exception {
		Path jar = Path.of("target/kizuna.jar");
		assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new java.util.ArrayList<>(List.of(java));
		command.addAll(io.kizuna.KizunaProcess.JVM_OPTIONS);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
				"--kizuna.embedded-postgres.data-dir=" + dataDir, "--kizuna.bootstrap.write-key=" + TestHttp.WRITE_KEY,
				"--logging.level.root=WARN"));
		Process process = new ProcessBuilder(command)
			.redirectErrorStream(true)
			.redirectOutput(dataDir.resolve("server.log").toFile())
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return process;
				}
			}
			catch (IOException notYet) {
				Thread.sleep(200);
			}
			assertThat(process.isAlive()).as("server died: " + Files.readString(dataDir.resolve("server.log"))).isTrue();
		}
		throw new AssertionError("server did not start: " + Files.readString(dataDir.resolve("server.log")));
	}

	/** SIGKILL to the JVM and to its PostgreSQL: no graceful anything. */
	private void killAll() {
		try {
			List<String> pid = Files.readAllLines(dataDir.resolve("pg17/postmaster.pid"));
			server.destroyForcibly();
			ProcessHandle.of(Long.parseLong(pid.get(0).trim())).ifPresent(ProcessHandle::destroyForcibly);
			server.waitFor();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Connection database() throws Exception {
		List<String> pid = Files.readAllLines(dataDir.resolve("pg17/postmaster.pid"));
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/kizuna", "postgres", "");
	}

	private static long stored(Connection db, int batch) throws Exception {
		try (PreparedStatement count = db.prepareStatement("select count(*) from event where message_id like ?")) {
			count.setString(1, "crash-" + batch + "-%");
			try (ResultSet rs = count.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
