package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * properties, traits and context go to the database as the bytes the client sent (binary COPY into jsonb): what a
 * reader of the event table gets back is the client's JSON, and what jsonb cannot hold is refused with a reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentJsonStorageIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	JdbcClient jdbc;

	TestHttp http;

	WorkspaceId workspace;

	String key;

	@BeforeEach
	void newWorkspace() {
		http = new TestHttp(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("json-" + run, "JSON " + run, "JPY", "Asia/Tokyo", "ja")).id();
		key = accessKeys.issueWriteKey(workspace, "test").secret();
	}

	@Test
	void jsonMembersAreStoredAsSentAndReadBackAsTheSameValues() {
		ok(http.segment("/v1/group", "{\"userId\":\"u1\",\"groupId\":\"42\",\"traits\":{\"name\":\"株式会社テスト\"}}", key));
		ok(http.segment("/v1/batch", """
				{"batch":[{"type":"track","userId":"u1","event":"Report Created","messageId":"j-1",
				  "properties" : { "title" : "月次\\u30ec\\u30dd\\u30fc\\u30c8", "n": 1.5e3, "big": 1e400,
				                   "q": "a\\"b\\\\c\\n", "nested": {"k": [1, {"z": null}]}, "emoji": "\\ud83d\\ude00" },
				  "context":{
				    "groupId": 42, "ip": "203.0.113.7"}}],
				 "sentAt":null}""", key));
		var row = jdbc.sql("""
				select e.properties->>'title' as title, (e.properties->>'n')::numeric as n,
				       jsonb_typeof(e.properties->'big') as big, e.properties->>'q' as q,
				       e.properties #>> '{nested,k,1}' as nested, e.properties->>'emoji' as emoji,
				       e.context->>'ip' as ip, a.external_id as account
				from event e left join account a on a.workspace_id = e.workspace_id and a.account_id = e.account_id
				where e.workspace_id = ? and e.message_id = 'j-1'""")
			.param(workspace.value())
			.query()
			.singleRow();
		assertThat(row.get("title")).isEqualTo("月次レポート");
		assertThat(row.get("n")).hasToString("1500");
		assertThat(row.get("big")).as("a number beyond a double's range stays a number").isEqualTo("number");
		assertThat(row.get("q")).isEqualTo("a\"b\\c\n");
		assertThat(row.get("nested")).isEqualTo("{\"z\": null}");
		assertThat(row.get("emoji")).isEqualTo("😀");
		assertThat(row.get("ip")).isEqualTo("203.0.113.7");
		assertThat(row.get("account")).as("an integral context.groupId resolves the account").isEqualTo("42");
	}

	@Test
	void whatJsonbCannotHoldIsRefusedOrReplacedAndNothingElseOfTheCallIsStored() {
		assertBadRequest(http.segment("/v1/batch", """
				{"batch":[{"type":"track","userId":"u","event":"E","messageId":"n-1"},
				          {"type":"track","userId":"u","event":"E","messageId":"n-2","context":{"ip":"\\u0000"}}]}""", key),
				"batch[1]: \\\"context\\\" contains a NUL character");
		assertBadRequest(http.segment("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"k\":\"\\u0000\"}}",
				key), "\\\"properties\\\" contains a NUL character");
		HttpResponse<String> utf16 = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/track"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofByteArray(
					"{\"userId\":\"u\",\"event\":\"E\"}".getBytes(StandardCharsets.UTF_16BE))));
		assertBadRequest(utf16, "UTF-8");
		assertThat(jdbc.sql("select count(*) from event where workspace_id = ?").param(workspace.value())
			.query(Long.class).single()).isZero();

		// A lone surrogate cannot be UTF-8: it is stored as '?', as it always was.
		ok(http.segment("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"s-1\",\"properties\":{\"k\":\"a\\ud800b\"}}",
				key));
		assertThat(jdbc.sql("select properties->>'k' from event where workspace_id = ? and message_id = 's-1'")
			.param(workspace.value()).query(String.class).single()).isEqualTo("a?b");
	}

	private static void ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static void assertBadRequest(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains(reason).doesNotContain("Exception");
	}
}
