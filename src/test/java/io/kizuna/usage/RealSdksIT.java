package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.kizuna.NpmPackages;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12: the real SDKs, unmodified and at their default settings (batching, concurrency, gzip, retries), only
 * pointed at Kizuna with a write key. Each sends identify, group with a Japanese name, 50 tracks, page and alias;
 * every event must be stored once, with its account, and counted by the daily rollup. The npm packages are
 * installed by the test into target/sdk-clients; a failed install fails the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealSdksIT {

	static final int SENT = 54;

	/** The activity among them: 50 tracks and a page. */
	static final int ACTIVITY = 51;

	static final Path RESULTS = NpmPackages.ROOT.resolve("results.md");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UsageRollups rollups;

	@Autowired
	JdbcClient jdbc;

	static Stream<Arguments> nodeSdks() {
		return Stream.of(Arguments.of("@segment/analytics-node", "3.1.0", "segment-node.cjs"),
				Arguments.of("@segment/analytics-node", "latest", "segment-node.cjs"),
				Arguments.of("@rudderstack/rudder-sdk-node", "3.0.13", "rudder-node.cjs"),
				Arguments.of("@rudderstack/rudder-sdk-node", "latest", "rudder-node.cjs"));
	}

	@ParameterizedTest(name = "{0}@{1}")
	@MethodSource("nodeSdks")
	void nodeSdk(String name, String version, String script) throws Exception {
		Path prefix = NpmPackages.install(name.replace('@', '_').replace('/', '_') + "-" + version, name, version);
		String installed = NpmPackages.installedVersion(prefix, name);
		Client client = client();
		Path scriptFile = prefix.resolve(script);
		try (var in = RealSdksIT.class.getResourceAsStream("/sdk/" + script)) {
			Files.write(scriptFile, in.readAllBytes());
		}
		ProcessBuilder node = new ProcessBuilder("node", scriptFile.toString()).redirectErrorStream(true);
		node.environment()
			.putAll(Map.of("SDK_DIR", prefix.toString(), "HOST", "http://127.0.0.1:" + port, "WRITE_KEY", client.key,
					"RUN", client.run));
		Process process = node.start();
		boolean finished = process.waitFor(90, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as(name + " did not finish within 90 s: " + output).isTrue();
		assertThat(process.exitValue()).as(name + " " + installed + " reported failures: " + output).isZero();
		client.check(name, "latest".equals(version) ? installed + " (latest)" : installed);
	}

	@Test
	void segmentJavaLibrary() throws Exception {
		Client client = client();
		AtomicInteger failures = new AtomicInteger();
		CountDownLatch acknowledged = new CountDownLatch(SENT);
		StringBuilder reasons = new StringBuilder();
		Analytics analytics = Analytics.builder(client.key)
			.endpoint("http://127.0.0.1:" + port)
			.callback(new Callback() {

				@Override
				public void success(Message message) {
					acknowledged.countDown();
				}

				@Override
				public void failure(Message message, Throwable throwable) {
					failures.incrementAndGet();
					reasons.append(throwable).append('\n');
					acknowledged.countDown();
				}
			})
			.build();
		String user = "user-" + client.run;
		analytics.enqueue(IdentifyMessage.builder()
			.userId(user)
			.traits(Map.of("email", client.run + "@example.jp", "name", "佐藤 花子")));
		analytics.enqueue(GroupMessage.builder("acct-" + client.run)
			.userId(user)
			.traits(Map.of("name", "株式会社テスト " + client.run, "website", "test.example.jp")));
		for (int i = 0; i < 50; i++) {
			analytics.enqueue(TrackMessage.builder("Report Created").userId(user).properties(Map.of("i", i, "title", "月次レポート")));
		}
		analytics.enqueue(PageMessage.builder("Dashboard").userId(user));
		analytics.enqueue(AliasMessage.builder("anon-" + client.run).userId(user));
		analytics.flush();
		boolean done = acknowledged.await(60, TimeUnit.SECONDS);
		analytics.shutdown();
		assertThat(done).as("analytics-java acknowledged every message within 60 s").isTrue();
		assertThat(failures.get()).as("analytics-java failures: " + reasons).isZero();
		String version = Analytics.class.getPackage().getImplementationVersion();
		client.check("com.segment.analytics.java:analytics", version == null ? "3.5.4" : version);
	}

	@AfterAll
	static void printResults() throws IOException {
		if (Files.exists(RESULTS)) {
			System.out.println(Files.readString(RESULTS));
		}
	}

	/** The distinct message ids of the account's events, as GET /api/v1/accounts/{externalId}/events lists them. */
	private java.util.Set<String> restMessageIds(WorkspaceId workspace, String account) {
		String token = accessKeys.issueApiToken(workspace, "read", io.kizuna.workspace.TokenScope.READ).secret();
		var response = new io.kizuna.TestHttp(port).get("/api/v1/accounts/" + account + "/events?size=500", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"hasMore\":false");
		return java.util.regex.Pattern.compile("\"messageId\":\"([^\"]+)\"")
			.matcher(response.body())
			.results()
			.map(m -> m.group(1))
			.collect(java.util.stream.Collectors.toSet());
	}

	private Client client() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("sdk-" + run, "SDK " + run, "JPY", "Asia/Tokyo", "ja")).id();
		return new Client(workspace, accessKeys.issueWriteKey(workspace, "sdk").secret(), run);
	}

	private final class Client {

		final WorkspaceId workspace;

		final String key;

		final String run;

		Client(WorkspaceId workspace, String key, String run) {
			this.workspace = workspace;
			this.key = key;
			this.run = run;
		}

		/** Every event stored once and attributed, the rollup counting the activity, the profile as sent. */
		void check(String client, String version) throws IOException {
			long[] counts = new long[3];
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				rollups.processPending();
				long account = accounts.account(workspace, "acct-" + run).id();
				jdbc.sql("""
						select count(*), count(distinct message_id), count(*) filter (where account_id = ?)
						from event where workspace_id = ?""")
					.params(account, workspace.value())
					.query(rs -> {
						counts[0] = rs.getLong(1);
						counts[1] = rs.getLong(2);
						counts[2] = rs.getLong(3);
					});
				assertThat(counts).as(client + " " + version + ": stored, distinct, attributed")
					.containsExactly(SENT, SENT, SENT);
				assertThat(jdbc.sql("select coalesce(sum(events), 0) from usage_daily where workspace_id = ? and account_id = ?")
					.params(workspace.value(), account)
					.query(Long.class)
					.single()).as("the daily rollup").isEqualTo(ACTIVITY);
			});
			assertThat(restMessageIds(workspace, "acct-" + run)).as("the account's events read back through REST")
				.hasSize(SENT);
			Contact contact = accounts.findContact(workspace, "user-" + run).orElseThrow();
			assertThat(contact.email()).isEqualTo(run + "@example.jp");
			assertThat(contact.name()).isEqualTo("佐藤 花子");
			assertThat(contact.accountExternalId()).isEqualTo("acct-" + run);
			assertThat(accounts.account(workspace, "acct-" + run).name()).isEqualTo("株式会社テスト " + run);
			Files.createDirectories(RESULTS.getParent());
			if (!Files.exists(RESULTS)) {
				Files.writeString(RESULTS, "| client | version | sent | stored | attributed |\n|---|---|---|---|---|\n");
			}
			Files.writeString(RESULTS, "| %s | %s | %d | %d | %d |%n".formatted(client, version, SENT, counts[1], counts[2]),
					java.nio.file.StandardOpenOption.APPEND);
		}
	}
}
