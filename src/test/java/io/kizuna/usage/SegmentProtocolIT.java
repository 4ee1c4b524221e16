package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The HTTP framing real SDKs use (issue 12): content types, gzip, short paths, the write key in the body. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentProtocolIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.kizuna.workspace.WriteKeyOrigins origins;

	TestHttp http;

	WorkspaceId workspace;

	String key;

	@BeforeEach
	void newWorkspace() {
		http = new TestHttp(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("proto-" + run, "Protocol " + run, "JPY", "Asia/Tokyo", "ja")).id();
		key = accessKeys.issueWriteKey(workspace, "test").secret();
	}

	@Test
	void gzippedJsonSentAsAFormIsReadAsJsonWithTheLangParameterIgnored() throws Exception {
		String body = batch("form-1", "form-2");
		HttpResponse<String> response = post("/v1/batch?lang=en", "application/x-www-form-urlencoded", gzip(body), true,
				TestHttp.basic(key));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(stored("form-1", "form-2")).isEqualTo(2);
	}

	@Test
	void jsonUnderAnyContentTypeGzippedOrNot() throws Exception {
		for (String type : new String[] { "application/json", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded" }) {
			String plain = "p-" + type.hashCode();
			String zipped = "z-" + type.hashCode();
			assertThat(post("/v1/batch", type, batch(plain).getBytes(StandardCharsets.UTF_8), false, TestHttp.basic(key))
				.statusCode()).as(type).isEqualTo(200);
			assertThat(post("/v1/batch", type, gzip(batch(zipped)), true, TestHttp.basic(key)).statusCode()).as(type)
				.isEqualTo(200);
			assertThat(stored(plain, zipped)).as(type).isEqualTo(2);
		}
	}

	@Test
	void shortPathsAndTrailingSlashes() {
		String[][] calls = { { "/v1/i", "identify", "\"traits\":{\"email\":\"a@example.jp\"}" },
				{ "/v1/g", "group", "\"groupId\":\"short\"" }, { "/v1/t", "track", "\"event\":\"E\"" },
				{ "/v1/p", "page", "\"name\":\"Home\"" }, { "/v1/s", "screen", "\"name\":\"Home\"" },
				{ "/v1/a", "alias", "\"previousId\":\"anon-s\"" }, { "/v1/track/", "track", "\"event\":\"E\"" },
				{ "/v1/import/", null, null }, { "/v1/b", null, null }, { "/v1/batch/", null, null } };
		for (String[] call : calls) {
			String id = "short-" + call[0].replace('/', '_');
			String json = call[1] == null ? batch(id)
					: "{\"type\":\"" + call[1] + "\",\"userId\":\"su\",\"messageId\":\"" + id + "\"," + call[2] + "}";
			assertThat(http.segment(call[0], json, key).statusCode()).as(call[0]).isEqualTo(200);
			assertThat(stored(id)).as(call[0]).isEqualTo(1);
		}
		assertThat(jdbc.sql("select type from event where workspace_id = ? and message_id = 'short-_v1_s'")
			.param(workspace.value()).query(String.class).single()).isEqualTo("screen");
	}

	@Test
	void theWriteKeyMayComeInTheBodyAndMustAgreeWithBasic() throws Exception {
		String withKey = "{\"writeKey\":\"" + key + "\"," + batch("body-1").substring(1);
		assertThat(post("/v1/import/", "application/json", bytes(withKey), false, null).statusCode()).isEqualTo(200);
		assertThat(stored("body-1")).isEqualTo(1);

		String other = accessKeys.issueWriteKey(workspace, "other").secret();
		String disagreeing = "{\"writeKey\":\"" + other + "\"," + batch("body-2").substring(1);
		HttpResponse<String> refused = post("/v1/batch", "application/json", bytes(disagreeing), false, TestHttp.basic(key));
		assertThat(refused.statusCode()).isEqualTo(401);
		// An event of the batch naming another key is refused too.
		String inEvent = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"body-3\",\"writeKey\":\""
				+ other + "\"}]}";
		assertThat(post("/v1/batch", "application/json", bytes(inEvent), false, TestHttp.basic(key)).statusCode())
			.isEqualTo(401);
		String unknown = "{\"writeKey\":\"wk_nobody\"," + batch("body-4").substring(1);
		assertThat(post("/v1/batch", "application/json", bytes(unknown), false, null).statusCode()).isEqualTo(401);
		assertThat(post("/v1/batch", "application/json", bytes(batch("body-5")), false, null).statusCode()).isEqualTo(401);
		assertThat(stored("body-2", "body-3", "body-4", "body-5")).isZero();
	}

	@Test
	void textPlainThatIsNotJsonIsRefusedWithTheReason() throws Exception {
		HttpResponse<String> response = post("/v1/t", "text/plain", bytes("hello, not json"), false, TestHttp.basic(key));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("JSON");
		HttpResponse<String> notGzip = post("/v1/t", "text/plain", bytes("{}"), true, TestHttp.basic(key));
		assertThat(notGzip.statusCode()).isEqualTo(400);
		assertThat(notGzip.body()).contains("gzip");
	}

	@Test
	void identifyTraitsFromContextTraitsWhenTraitsAreAbsent() {
		assertThat(http.segment("/v1/identify", """
				{"userId":"rudder-1","messageId":"ctx-traits",
				 "context":{"traits":{"email":"taro@example.jp","name":"山田 太郎"},"library":{"name":"analytics-node"}}}""",
				key).statusCode()).isEqualTo(200);
		Contact contact = accounts.findContact(workspace, "rudder-1").orElseThrow();
		assertThat(contact.email()).isEqualTo("taro@example.jp");
		assertThat(contact.name()).isEqualTo("山田 太郎");
	}

	/**
	 * What analytics.js reads from {@code <cdnURL>/v1/projects/<key>/settings} before it sends anything (ADR 0046):
	 * the Segment.io destination pointing back here, its own telemetry off, nothing to load. The key in the path
	 * authenticates; its allowed origins decide the CORS grant.
	 */
	@Test
	void theBrowserSdksSourceSettingsPointItBackAtKizuna() throws Exception {
		io.kizuna.workspace.IssuedSecret browserKey = accessKeys.issueWriteKey(workspace, "browser");
		origins.replace(workspace, browserKey.id(), java.util.List.of("https://app.example.jp"), "test");
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/projects/" + browserKey.secret() + "/settings")))
			.header("Origin", "https://app.example.jp")
			.GET());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.jp");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
		tools.jackson.databind.JsonNode settings = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
		tools.jackson.databind.JsonNode segmentIo = settings.path("integrations").path("Segment.io");
		assertThat(settings.path("integrations").propertyNames()).as("no destination but Kizuna").containsExactly("Segment.io");
		assertThat(segmentIo.path("apiKey").asString()).isEqualTo(browserKey.secret());
		assertThat(segmentIo.path("apiHost").asString()).isEqualTo("127.0.0.1:" + port + "/v1");
		assertThat(segmentIo.path("protocol").asString()).isEqualTo("http");
		assertThat(settings.path("metrics").path("sampleRate").asInt(-1)).as("no telemetry to Segment").isZero();
		assertThat(settings.path("remotePlugins").isArray() && settings.path("remotePlugins").isEmpty()).isTrue();
		assertThat(settings.path("plan").path("track").path("__default").path("enabled").asBoolean()).isTrue();
		assertThat(http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/projects/" + browserKey.secret() + "/settings/"))).GET())
			.statusCode()).as("with a trailing slash, and without an Origin (a server fetching it)").isEqualTo(200);

		HttpResponse<String> otherSite = http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/projects/" + browserKey.secret() + "/settings")))
			.header("Origin", "https://elsewhere.example.com")
			.GET());
		assertThat(otherSite.statusCode()).isEqualTo(403);
		assertThat(otherSite.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/projects/wk_no_such_key/settings"))).GET()).statusCode())
			.isEqualTo(401);
		assertThat(http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/projects/" + "k".repeat(300) + "/settings"))).GET()).statusCode())
			.as("an over-long key is not looked up").isEqualTo(401);
	}

	private String batch(String... ids) {
		StringBuilder json = new StringBuilder("{\"batch\":[");
		for (int i = 0; i < ids.length; i++) {
			json.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"")
				.append(ids[i])
				.append("\"}");
		}
		return json.append("]}").toString();
	}

	private long stored(String... ids) {
		return jdbc.sql("select count(*) from event where workspace_id = ? and message_id = any(?)")
			.params(workspace.value(), ids)
			.query(Long.class)
			.single();
	}

	private HttpResponse<String> post(String path, String type, byte[] body, boolean gzip, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.url(path)))
			.header("Content-Type", type)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (gzip) {
			request.header("Content-Encoding", "gzip");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] gzip(String text) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(bytes(text));
		}
		return out.toByteArray();
	}
}
