package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.kizuna.KizunaProcess;
import io.kizuna.TestHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a batch is on its way in: Kizuna stops taking new connections but lets the request in flight finish;
 * the client gets its 200 and every event of the batch is stored (IngestionCrashIT covers SIGKILL).
 */
class GracefulShutdownIT {

	static final int EVENTS = 400;

	@TempDir
	Path temp;

	@Test
	void sigtermDrainsTheRequestInFlight() throws Exception {
		Path dataDir = temp.resolve("data");
		int port = KizunaProcess.freePort();
		Process server = KizunaProcess.serve(temp.resolve("server.log"), port, log -> log.contains("Workspace 'default' ready"),
				"--kizuna.embedded-postgres.data-dir=" + dataDir, "--kizuna.bootstrap.write-key=" + TestHttp.WRITE_KEY);

		StringBuilder body = new StringBuilder("{\"batch\":[");
		for (int i = 0; i < EVENTS; i++) {
			body.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"u").append(i % 9).append("\",\"event\":\"Drain Test\",")
				.append("\"properties\":{\"pad\":\"").append("x".repeat(200)).append("\"},")
				.append("\"messageId\":\"drain-").append(i).append("\"}");
		}
		byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
		CountDownLatch started = new CountDownLatch(1);
		// The body trickles in over about three seconds, so the SIGTERM lands while the request is being read.
		InputStream slow = new InputStream() {

			int position;

			@Override
			public int read() {
				throw new UnsupportedOperationException();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (position >= bytes.length) {
					return -1;
				}
				if (position > 0) {
					sleep(100);
				}
				int n = Math.min(Math.min(length, 4096), bytes.length - position);
				System.arraycopy(bytes, position, buffer, offset, n);
				position += n;
				started.countDown();
				return n;
			}
		};
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		CompletableFuture<HttpResponse<String>> call = http.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/batch"))
					.header("Authorization", TestHttp.basic(TestHttp.WRITE_KEY))
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(60))
					.POST(HttpRequest.BodyPublishers.ofInputStream(() -> slow))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		sleep(500);
		server.destroy();
		assertThat(call.isDone()).as("the request is still in flight when SIGTERM is sent").isFalse();

		HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"success\":true");
		assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops after draining").isTrue();
		String log = Files.readString(temp.resolve("server.log"));
		assertThat(log).contains("Graceful shutdown complete");

		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("pg17"))
			.setCleanDataDirectory(false)
			.start(); Connection db = postgres.getDatabase("postgres", "kizuna").getConnection();
				ResultSet rs = db.createStatement()
					.executeQuery("select count(*), count(distinct message_id) from event where message_id like 'drain-%'")) {
			rs.next();
			assertThat(rs.getLong(1)).as("every event of the drained batch, once").isEqualTo(EVENTS);
			assertThat(rs.getLong(2)).isEqualTo(EVENTS);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
