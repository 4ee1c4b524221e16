package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12: a user's events get the account the user is linked to whatever order the calls commit in. The two
 * dangerous interleavings are forced with row locks the test holds on the attribution queue (a transaction of
 * ingestion waits there, after its work and before its commit); a free race of many rounds runs as well.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AttributionOrderIT {

	private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(48);

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	UsageRollups rollups;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	TestHttp http;

	WorkspaceId workspace;

	String key;

	@BeforeEach
	void newWorkspace() {
		http = new TestHttp(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("attr-" + run, "Attribution " + run, "JPY", "Asia/Tokyo", "ja")).id();
		key = accessKeys.issueWriteKey(workspace, "test").secret();
	}

	/** The tracks commit while the group call has linked the user but not committed: the old loss of attribution. */
	@Test
	void tracksCommittedBeforeTheLinkCommitsAreAttributedOnceItDoes() throws Exception {
		CompletableFuture<HttpResponse<String>> group;
		try (Connection holder = hold("g", "acme")) {
			group = async("/v1/group", group("u1", "acme", "g-1"));
			awaitWaitingOnQueue(1);
			ok(http.segment("/v1/batch", tracks("u1", "t1-", 20, null), key));
			assertThat(unattributed()).as("tracks stored while the link was uncommitted").isEqualTo(20);
			holder.rollback();
		}
		ok(group.get());
		assertAttributed("acme", 20);
	}

	/**
	 * The tracks were resolved before the link but commit after it, and after an attribution pass that ran in
	 * between: a fix-up in the linking transaction, or a pass keyed on the link alone, would miss them.
	 */
	@Test
	void tracksCommittedAfterTheLinkAndAfterAPassAreAttributedToo() throws Exception {
		CompletableFuture<HttpResponse<String>> tracks;
		try (Connection holder = hold("g", "never-created")) {
			tracks = async("/v1/batch", tracks("u2", "t2-", 20, "never-created"));
			awaitWaitingOnQueue(1);
			ok(http.segment("/v1/group", group("u2", "beta", "g-2"), key));
			rollups.processPending();
			holder.rollback();
		}
		ok(tracks.get());
		assertAttributed("beta", 20);
	}

	/**
	 * ADR 0045: an account-day already queued when a call stores more events for it. A fold that claimed the key
	 * while the call was uncommitted would count the day without the call's events and delete the key: they would
	 * never be counted. The call holds the key until it commits, so the fold leaves it for a later pass.
	 */
	@Test
	void eventsOfAnAlreadyQueuedDayCommittedDuringAFoldAreCountedByALaterOne() throws Exception {
		ok(http.segment("/v1/group", group("u3", "gamma", "g-3"), key));
		ok(http.segment("/v1/batch", tracks("u3", "t3a-", 5, null), key));
		CompletableFuture<HttpResponse<String>> more;
		try (Connection holder = hold("u", "nobody")) {
			// Five more for gamma's day, and one of a user with no account, whose queue row makes the call wait.
			String batch = tracks("u3", "t3b-", 5, null);
			more = async("/v1/batch", batch.substring(0, batch.length() - 2)
					+ ",{\"type\":\"track\",\"userId\":\"nobody\",\"event\":\"E\",\"messageId\":\"t3-nobody\"}]}");
			awaitWaitingOnQueue(1);
			rollups.processPending();
			// The scheduled fold (every 500 ms here) may or may not have taken the first five before the call came:
			// if it had, the day counts them; if the key was still queued, the call holds it and this fold leaves it.
			// Either way no fold may count the call's uncommitted events, nor drop the key they need (checked below).
			assertThat(dailyEvents("gamma")).as("the fold while the call is uncommitted counts only what is committed")
				.isIn(0L, 5L);
			holder.rollback();
		}
		ok(more.get());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			rollups.processPending();
			assertThat(dailyEvents("gamma")).isEqualTo(10);
		});
	}

	private long dailyEvents(String account) {
		return jdbc.sql("""
				select coalesce(sum(d.events), 0) from usage_daily d join account a using (workspace_id, account_id)
				where d.workspace_id = ? and a.external_id = ?""")
			.params(workspace.value(), account)
			.query(Long.class)
			.single();
	}

	/** Group and tracks sent at once in many rounds, half with the group call first, half with the tracks first. */
	@Test
	void concurrentRequestsInBothOrdersLeaveEveryEventAttributed() throws Exception {
		int rounds = 16;
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int r = 0; r < rounds; r++) {
			String user = "race-u" + r;
			String body = group(user, "race", "race-g" + r);
			List<String> batches = List.of(tracks(user, "race-" + r + "-a-", 5, null), tracks(user, "race-" + r + "-b-", 5, null));
			if (r % 2 == 0) {
				calls.add(after(start, "/v1/group", body));
				batches.forEach(batch -> calls.add(after(start, "/v1/batch", batch)));
			}
			else {
				batches.forEach(batch -> calls.add(after(start, "/v1/batch", batch)));
				calls.add(after(start, "/v1/group", body));
			}
		}
		start.countDown();
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			ok(call.get());
		}
		assertAttributed("race", rounds * 10);
	}

	private void assertAttributed(String account, int tracks) {
		// The scheduled pass does it within seconds; the explicit one makes the test quick.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			rollups.processPending();
			assertThat(unattributed()).isZero();
			assertThat(jdbc.sql("""
					select count(*) from event e join account a using (workspace_id, account_id)
					where e.workspace_id = ? and a.external_id = ? and e.type = 'track'""")
				.params(workspace.value(), account)
				.query(Long.class)
				.single()).isEqualTo(tracks);
			assertThat(jdbc.sql("""
					select coalesce(sum(d.events), 0) from usage_daily d join account a using (workspace_id, account_id)
					where d.workspace_id = ? and a.external_id = ?""")
				.params(workspace.value(), account)
				.query(Long.class)
				.single()).isEqualTo(tracks);
			assertThat(jdbc.sql("select count(*) from attribution_pending where workspace_id = ?")
				.param(workspace.value()).query(Long.class).single()).isZero();
		});
	}

	private long unattributed() {
		return jdbc.sql("select count(*) from event where workspace_id = ? and account_id is null")
			.param(workspace.value())
			.query(Long.class)
			.single();
	}

	/**
	 * An open transaction holding the queue row, so that an ingestion call queueing it waits before its commit.
	 * Closing the connection returns it to the pool, which rolls an open transaction back.
	 */
	private Connection hold(String kind, String identity) throws Exception {
		Connection connection = dataSource.getConnection();
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection
			.prepareStatement("insert into attribution_pending (workspace_id, kind, identity) values (?, ?, ?)")) {
			insert.setLong(1, workspace.value());
			insert.setString(2, kind);
			insert.setString(3, identity);
			insert.executeUpdate();
		}
		return connection;
	}

	private void awaitWaitingOnQueue(int waiting) {
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select count(*) from pg_stat_activity
				where wait_event_type = 'Lock' and query like '%attribution_pending%' and query not like '%pg_stat_activity%'""")
			.query(Long.class)
			.single() >= waiting);
	}

	private CompletableFuture<HttpResponse<String>> async(String path, String body) {
		return CompletableFuture.supplyAsync(() -> http.segment(path, body, key));
	}

	private CompletableFuture<HttpResponse<String>> after(CountDownLatch start, String path, String body) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				start.await();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			return http.segment(path, body, key);
		}, POOL);
	}

	private static String group(String user, String group, String messageId) {
		return """
				{"userId":"%s","groupId":"%s","traits":{"name":"株式会社%s"},"messageId":"%s"}""".formatted(user, group,
				group, messageId);
	}

	private static String tracks(String user, String prefix, int count, String contextGroup) {
		StringBuilder json = new StringBuilder("{\"batch\":[");
		for (int i = 0; i < count; i++) {
			json.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"").append(user)
				.append("\",\"event\":\"Report Created\",\"messageId\":\"").append(prefix).append(i).append('"')
				.append(contextGroup == null ? "" : ",\"context\":{\"groupId\":\"" + contextGroup + "\"}")
				.append('}');
		}
		return json.append("]}").toString();
	}

	private static void ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}
}
