package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.IssuedSecret;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentIngestionIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UsageRollups rollups;

	@Autowired
	JdbcClient jdbc;

	TestHttp http;

	WorkspaceId workspace;

	String key;

	String run;

	@BeforeEach
	void newWorkspace() {
		http = new TestHttp(port);
		run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("seg-" + run, "Segment " + run, "JPY", "Asia/Tokyo", "ja")).id();
		key = accessKeys.issueWriteKey(workspace, "test").secret();
	}

	@Test
	void identifyGroupAndTrackCreateContactsAccountsAndResolvedEvents() {
		ok(http.segment("/v1/identify", """
				{"userId":"u1","traits":{"email":"hanako@example.jp","name":"佐藤 花子","title":"CTO"},
				 "messageId":"m-identify","timestamp":"2026-11-20T01:00:00Z"}""", key));
		ok(http.segment("/v1/group", """
				{"userId":"u1","groupId":"acme","traits":{"name":"株式会社アクメ","website":"acme.co.jp","plan":"enterprise"},
				 "messageId":"m-group","timestamp":"2026-11-20T01:00:01Z"}""", key));
		ok(http.segment("/v1/track", """
				{"userId":"u1","event":"Report Created","properties":{"rows":3},"messageId":"m-track",
				 "timestamp":"2026-11-20T02:00:00Z"}""", key));
		ok(http.segment("/v1/page", """
				{"userId":"u1","name":"Dashboard","messageId":"m-page","timestamp":"2026-11-20T02:01:00Z"}""", key));
		ok(http.segment("/v1/screen", """
				{"userId":"u1","name":"Home","messageId":"m-screen","timestamp":"2026-11-20T02:02:00Z"}""", key));

		Contact contact = accounts.findContact(workspace, "u1").orElseThrow();
		assertThat(contact.email()).isEqualTo("hanako@example.jp");
		assertThat(contact.name()).isEqualTo("佐藤 花子");
		assertThat(contact.accountExternalId()).isEqualTo("acme");
		assertThat(contact.lastSeenAt()).isEqualTo("2026-11-20T02:02:00Z");
		var account = accounts.account(workspace, "acme");
		assertThat(account.name()).isEqualTo("株式会社アクメ");
		assertThat(account.domain()).isEqualTo("acme.co.jp");
		assertThat(account.attributes()).containsEntry("plan", "enterprise");

		assertThat(jdbc.sql("""
				select e.type || ':' || coalesce(e.event_name, '') || ':' || (e.account_id = a.account_id)
				from event e join account a on a.workspace_id = e.workspace_id and a.external_id = 'acme'
				where e.workspace_id = ? and e.type in ('track', 'page', 'screen') order by e.occurred_at""")
			.param(workspace.value())
			.query(String.class)
			.list()).containsExactly("track:Report Created:true", "page:Dashboard:true", "screen:Home:true");
		assertThat(jdbc.sql("select properties ->> 'rows' from event where workspace_id = ? and message_id = 'm-track'")
			.param(workspace.value())
			.query(String.class)
			.single()).isEqualTo("3");
	}

	@Test
	void aliasLetsAnonymousActivityCountForTheUsersAccount() {
		ok(http.segment("/v1/group", """
				{"userId":"u2","groupId":"beta","traits":{"name":"Beta Inc."},"messageId":"g"}""", key));
		ok(http.segment("/v1/alias", """
				{"previousId":"anon-7","userId":"u2","messageId":"a"}""", key));
		ok(http.segment("/v1/track", """
				{"anonymousId":"anon-7","event":"Signed Up","messageId":"t","timestamp":"2026-11-20T03:00:00Z"}""", key));

		assertThat(jdbc.sql("""
				select a.external_id from event e join account a using (workspace_id, account_id)
				where e.workspace_id = ? and e.message_id = 't'""").param(workspace.value()).query(String.class).single())
			.isEqualTo("beta");
		PendingRollups.awaitFolded(rollups, jdbc, workspace);
		assertThat(jdbc.sql("select user_id from usage_daily_user where workspace_id = ?")
			.param(workspace.value())
			.query(String.class)
			.list()).containsExactly("u2");
	}

	@Test
	void replayingABatchStoresNothingTwice() {
		String batch = """
				{"batch":[
				  {"type":"identify","userId":"u3","traits":{"email":"a@b.c"},"messageId":"b1"},
				  {"type":"group","userId":"u3","groupId":"gamma","traits":{"name":"Gamma"},"messageId":"b2"},
				  {"type":"track","userId":"u3","event":"Login","messageId":"b3","timestamp":"2026-11-21T00:00:00Z"},
				  {"type":"track","userId":"u3","event":"Login","messageId":"b3","timestamp":"2026-11-21T00:00:00Z"},
				  {"type":"page","userId":"u3","messageId":"b4","timestamp":"2026-11-21T00:01:00Z"}
				],"sentAt":"2026-11-21T00:05:00Z"}""";
		ok(http.segment("/v1/batch", batch, key));
		ok(http.segment("/v1/batch", batch, key));
		assertThat(eventCount()).isEqualTo(4);
		assertThat(jdbc.sql("select count(*) from event_message where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void aCallMixingSeenAndNewMessageIdsStoresTheNewOnes() {
		ok(http.segment("/v1/batch", """
				{"batch":[
				  {"type":"group","userId":"u7","groupId":"delta","traits":{"name":"Delta"},"messageId":"c1"},
				  {"type":"track","userId":"u7","event":"Login","messageId":"c2","timestamp":"2026-11-21T00:00:00Z"}
				]}""", key));
		// A retry of the same SDK queue with more in it: c2 was stored, c3 and c4 are new.
		ok(http.segment("/v1/batch", """
				{"batch":[
				  {"type":"track","userId":"u7","event":"Login","messageId":"c2","timestamp":"2026-11-21T00:00:00Z"},
				  {"type":"track","userId":"u7","event":"Export","messageId":"c3","timestamp":"2026-11-21T00:02:00Z"},
				  {"type":"page","userId":"u7","name":"Home","messageId":"c4","timestamp":"2026-11-21T00:03:00Z"}
				]}""", key));
		// a single call whose only message was seen stores nothing, and a new single call is stored
		ok(http.segment("/v1/track", """
				{"userId":"u7","event":"Export","messageId":"c3","timestamp":"2026-11-21T00:02:00Z"}""", key));
		ok(http.segment("/v1/track", """
				{"userId":"u7","event":"Logout","messageId":"c5","timestamp":"2026-11-21T00:09:00Z"}""", key));
		assertThat(jdbc.sql("""
				select e.message_id || ':' || coalesce(e.event_name, e.type) from event e
				where e.workspace_id = ? order by e.message_id""")
			.param(workspace.value())
			.query(String.class)
			.list()).containsExactly("c1:group", "c2:Login", "c3:Export", "c4:Home", "c5:Logout");
	}

	@Test
	void anEventAtExactlyLocalMidnightCountsInTheNewDayOnly() {
		ok(http.segment("/v1/group", "{\"userId\":\"u8\",\"groupId\":\"midnight\",\"messageId\":\"g8\"}", key));
		// 2026-03-02T00:00:00.000 in Tokyo is 2026-03-01T15:00:00.000Z; one millisecond before is still 1 March.
		ok(http.segment("/v1/batch", """
				{"batch":[
				  {"type":"track","userId":"u8","event":"A","messageId":"n1","timestamp":"2026-03-01T14:59:59.999Z"},
				  {"type":"track","userId":"u8","event":"A","messageId":"n2","timestamp":"2026-03-01T15:00:00.000Z"}
				]}""", key));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(daily())
			.containsExactly(Map.entry(LocalDate.parse("2026-03-01"), "1/1/1"), Map.entry(LocalDate.parse("2026-03-02"), "1/1/1")));
		rollups.recompute(workspace, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"));
		PendingRollups.awaitFolded(rollups, jdbc, workspace);
		assertThat(daily()).as("a full recomputation cuts the same days")
			.containsExactly(Map.entry(LocalDate.parse("2026-03-01"), "1/1/1"), Map.entry(LocalDate.parse("2026-03-02"), "1/1/1"));
	}

	@Test
	void clockSkewIsCorrectedWithSentAt() {
		// The client's clock runs a year behind: its timestamp is corrected by receivedAt - sentAt.
		ok(http.segment("/v1/track", """
				{"userId":"u4","event":"E","messageId":"skew","timestamp":"2025-01-01T00:00:00Z",
				 "sentAt":"2025-01-01T00:00:10Z"}""", key));
		var times = jdbc.sql("select occurred_at, received_at from event where workspace_id = ? and message_id = 'skew'")
			.param(workspace.value())
			.query((rs, row) -> Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
			.single();
		assertThat(times).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void badInputIsRefusedWithAReasonAndStoresNothing() {
		assertBadRequest(http.segment("/v1/track", "{not json", key), "malformed JSON");
		assertBadRequest(http.segment("/v1/track", "{\"event\":\"E\",\"messageId\":\"x1\"}", key),
				"userId or anonymousId");
		assertBadRequest(http.segment("/v1/track", "{\"userId\":\"u\",\"messageId\":\"x2\"}", key), "needs \\\"event\\\"");
		assertBadRequest(http.segment("/v1/track", "{\"userId\":{\"a\":1},\"event\":\"E\"}", key), "userId");
		assertBadRequest(http.segment("/v1/track", """
				{"userId":"u","event":"E","timestamp":"1970-01-01T00:00:00Z"}""", key), "timestamp out of range");
		assertBadRequest(http.segment("/v1/track", """
				{"userId":"u","event":"E","timestamp":"next tuesday"}""", key), "ISO-8601");
		assertBadRequest(http.segment("/v1/batch", """
				{"batch":[{"type":"track","userId":"u","event":"E","messageId":"ok-1"},
				          {"type":"teleport","userId":"u","messageId":"bad-2"}]}""", key), "batch[1]: unknown type");
		assertBadRequest(http.segment("/v1/batch", "{\"batch\":[]}", key), "non-empty");
		assertBadRequest(http.segment("/v1/batch", "[1,2]", key), "JSON object");
		assertThat(eventCount()).isZero();
		assertThat(jdbc.sql("select count(*) from event_message where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void oversizeEventsAndBatchesAreRefused() {
		String big = "x".repeat(33 * 1024);
		assertBadRequest(http.segment("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":\"" + big + "\"}}",
				key), "too large");
		StringBuilder batch = new StringBuilder("{\"batch\":[");
		for (int i = 0; i < 40; i++) {
			batch.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":\"")
				.append("y".repeat(20 * 1024))
				.append("\"}}");
		}
		assertBadRequest(http.segment("/v1/batch", batch.append("]}").toString(), key), "too large");
		assertThat(eventCount()).isZero();
	}

	@Test
	void unknownOrRevokedWriteKeysAreUnauthorized() {
		String track = "{\"userId\":\"u\",\"event\":\"E\"}";
		assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.url("/v1/track")))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(track))).statusCode()).isEqualTo(401);
		assertThat(http.segment("/v1/track", track, "wk_nobody").statusCode()).isEqualTo(401);

		IssuedSecret second = accessKeys.issueWriteKey(workspace, "to revoke");
		ok(http.segment("/v1/track", track, second.secret()));
		accessKeys.revokeWriteKey(workspace, second.id(), "test");
		assertThat(http.segment("/v1/track", track, second.secret()).statusCode()).isEqualTo(401);
	}

	@Test
	void rollupsCutDaysInTheWorkspaceTimeZone() {
		ok(http.segment("/v1/group", "{\"userId\":\"u5\",\"groupId\":\"tz\",\"messageId\":\"g5\"}", key));
		// 23:59 and 00:01 in Tokyo: two days there, one day in UTC.
		ok(http.segment("/v1/batch", """
				{"batch":[
				  {"type":"track","userId":"u5","event":"A","messageId":"t1","timestamp":"2026-03-01T14:59:00Z"},
				  {"type":"track","userId":"u5","event":"A","messageId":"t2","timestamp":"2026-03-01T15:01:00Z"},
				  {"type":"track","userId":"u6","groupId":"tz","event":"B","messageId":"t3","timestamp":"2026-03-01T15:05:00Z"},
				  {"type":"page","userId":"u5","messageId":"t4","timestamp":"2026-03-01T16:00:00Z"}
				]}""", key));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(daily()).containsExactly(
				Map.entry(LocalDate.parse("2026-03-01"), "1/1/1"), Map.entry(LocalDate.parse("2026-03-02"), "3/2/3")));
		assertThat(jdbc.sql("""
				select event_name || '=' || events || '/' || users from usage_daily_event
				where workspace_id = ? and day = '2026-03-02' order by event_name""")
			.param(workspace.value())
			.query(String.class)
			.list()).containsExactly("$page=1/1", "A=1/1", "B=1/1");

		// Recomputing is idempotent.
		rollups.recompute(workspace, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-31"));
		PendingRollups.awaitFolded(rollups, jdbc, workspace);
		assertThat(daily()).containsExactly(Map.entry(LocalDate.parse("2026-03-01"), "1/1/1"),
				Map.entry(LocalDate.parse("2026-03-02"), "3/2/3"));
	}

	/** day → events/active users/sessions */
	private Map<LocalDate, String> daily() {
		var result = new java.util.LinkedHashMap<LocalDate, String>();
		jdbc.sql("select day, events, active_users, sessions from usage_daily where workspace_id = ? order by day")
			.param(workspace.value())
			.query(rs -> {
				result.put(rs.getDate(1).toLocalDate(), rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4));
			});
		return result;
	}

	private long eventCount() {
		return jdbc.sql("select count(*) from event where workspace_id = ?").param(workspace.value()).query(Long.class).single();
	}

	private static void ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"success\":true}");
	}

	private static void assertBadRequest(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains(reason).doesNotContain("Exception").doesNotContain("at io.");
	}
}
