package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.kizuna.KizunaApplication;
import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12, ADR 0041 on two application nodes: this test's context and a second Kizuna context in the same JVM, each
 * with its own web server, connection pool, group-commit writers and rollup worker, on the same PostgreSQL. Every
 * user's group call goes to one node and the user's tracks to the other, at once, half the rounds with the group
 * call sent first and half with the tracks first. Nothing calls the attribution pass here: the two nodes' scheduled
 * workers do it, racing each other. Every event must end with its account exactly once, the daily rollups must
 * count each event exactly once, and the queue must drain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoNodeAttributionIT {

	private static final ExecutorService POOL = Executors.newFixedThreadPool(64);

	/** The second node: the same application and settings, its own port; it joins the embedded PostgreSQL. */
	static ConfigurableApplicationContext second;

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void startSecondNode() {
		// Not republishing: the first node's event publications in flight are its own to complete.
		second = new SpringApplicationBuilder(KizunaApplication.class).run("--server.port=0",
				"--spring.application.name=kizuna-node-2",
				"--spring.modulith.events.republish-outstanding-events-on-restart=false");
	}

	@AfterAll
	static void stopSecondNode() {
		if (second != null) {
			second.close();
		}
		POOL.shutdownNow();
	}

	@Test
	void groupOnOneNodeAndTracksOnTheOtherAreAttributedAndCountedExactlyOnce() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("nodes-" + run, "Nodes " + run, "JPY", "Asia/Tokyo", "ja")).id();
		String key = accessKeys.issueWriteKey(workspace, "test").secret();
		TestHttp first = new TestHttp(port);
		TestHttp other = new TestHttp(((WebServerApplicationContext) second).getWebServer().getPort());
		assertThat(other.segment("/v1/track", """
				{"userId":"probe","event":"Probe","messageId":"probe-%s"}""".formatted(run), key).statusCode())
			.as("the second node serves ingestion").isEqualTo(200);

		int rounds = 24;
		int tracksPerBatch = 5;
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int r = 0; r < rounds; r++) {
			String user = "node-u" + r;
			String account = "node-acct-" + (r % 4);
			// Alternate which node gets the group call, and whether it is sent before or after the tracks.
			TestHttp groupNode = r % 4 < 2 ? first : other;
			TestHttp trackNode = groupNode == first ? other : first;
			CompletableFuture<HttpResponse<String>> group = null;
			if (r % 2 == 0) {
				group = after(start, groupNode, "/v1/group", group(user, account, "g-" + run + "-" + r), key);
				calls.add(group);
			}
			for (String batch : List.of("a", "b")) {
				calls.add(after(start, trackNode, "/v1/batch", tracks(user, run + "-" + r + "-" + batch + "-", tracksPerBatch), key));
			}
			if (group == null) {
				calls.add(after(start, groupNode, "/v1/group", group(user, account, "g-" + run + "-" + r), key));
			}
		}
		start.countDown();
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			HttpResponse<String> response = call.get();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}

		int tracks = rounds * 2 * tracksPerBatch;
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			assertThat(count("select count(*) from event where workspace_id = ? and account_id is null and user_id <> 'probe'",
					workspace)).as("events without an account").isZero();
			assertThat(count("select count(*) from attribution_pending where workspace_id = ?", workspace))
				.as("identities still queued").isZero();
			assertThat(count("select count(*) from rollup_pending where workspace_id = ?", workspace))
				.as("account-days still queued").isZero();
		});
		assertThat(count("select count(*) from event where workspace_id = ? and type = 'track' and user_id <> 'probe'",
				workspace)).as("tracks stored").isEqualTo(tracks);
		assertThat(count("select count(distinct message_id) from event where workspace_id = ? and type = 'track' and user_id <> 'probe'",
				workspace)).as("each track stored once").isEqualTo(tracks);
		for (int a = 0; a < 4; a++) {
			String account = "node-acct-" + a;
			long expected = (long) rounds / 4 * 2 * tracksPerBatch;
			assertThat(jdbc.sql("""
					select count(*) from event e join account a using (workspace_id, account_id)
					where e.workspace_id = ? and a.external_id = ? and e.type = 'track'""")
				.params(workspace.value(), account)
				.query(Long.class)
				.single()).as("tracks attributed to " + account).isEqualTo(expected);
			assertThat(jdbc.sql("""
					select coalesce(sum(d.events), 0) from usage_daily d join account a using (workspace_id, account_id)
					where d.workspace_id = ? and a.external_id = ?""")
				.params(workspace.value(), account)
				.query(Long.class)
				.single()).as("tracks counted in the daily rollup of " + account).isEqualTo(expected);
			assertThat(jdbc.sql("""
					select coalesce(sum(d.events), 0) from usage_daily_user d join account a using (workspace_id, account_id)
					where d.workspace_id = ? and a.external_id = ?""")
				.params(workspace.value(), account)
				.query(Long.class)
				.single()).as("tracks counted per user for " + account).isEqualTo(expected);
		}
	}

	private long count(String sql, WorkspaceId workspace) {
		return jdbc.sql(sql).param(workspace.value()).query(Long.class).single();
	}

	private static CompletableFuture<HttpResponse<String>> after(CountDownLatch start, TestHttp node, String path,
			String body, String key) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				start.await();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			return node.segment(path, body, key);
		}, POOL);
	}

	private static String group(String user, String group, String messageId) {
		return """
				{"userId":"%s","groupId":"%s","traits":{"name":"株式会社%s"},"messageId":"%s"}""".formatted(user, group,
				group, messageId);
	}

	private static String tracks(String user, String prefix, int count) {
		StringBuilder json = new StringBuilder("{\"batch\":[");
		for (int i = 0; i < count; i++) {
			json.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"").append(user)
				.append("\",\"event\":\"Report Created\",\"messageId\":\"").append(prefix).append(i).append("\"}");
		}
		return json.append("]}").toString();
	}
}
