package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.IssuedSecret;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** CORS for /v1/** (issue 12, ADR 0042): origins per write key, set through REST and the settings page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestionCorsIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	io.kizuna.workspace.UserManagement people;

	@Autowired
	JdbcClient jdbc;

	TestHttp http;

	WorkspaceId workspace;

	IssuedSecret key;

	String token;

	String run;

	@BeforeEach
	void newWorkspace() {
		http = new TestHttp(port);
		run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("cors-" + run, "CORS " + run, "JPY", "Asia/Tokyo", "ja")).id();
		key = accessKeys.issueWriteKey(workspace, "browser");
		token = accessKeys.issueApiToken(workspace, "rw", TokenScope.READ_WRITE).secret();
	}

	@Test
	void anOriginIsGrantedOnlyOnceTheKeyAllowsIt() {
		String origin = "https://app-" + run + ".example.jp";
		HttpResponse<String> refused = preflight(origin);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> post = track(origin, "before");
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

		HttpResponse<String> put = http.send("PUT", "/api/v1/write-keys/" + key.id() + "/allowed-origins",
				"{\"allowedOrigins\":[\"" + origin.toUpperCase().replace("HTTPS", "https") + "/\", \"http://localhost:3000\"]}", token);
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		assertThat(put.body()).contains("\"allowedOrigins\":[\"" + origin + "\",\"http://localhost:3000\"]");
		assertThat(http.get("/api/v1/write-keys", token).body()).contains(origin).doesNotContain(key.secret());

		HttpResponse<String> granted = preflight(origin);
		assertThat(granted.statusCode()).isEqualTo(204);
		assertThat(granted.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
		assertThat(granted.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
		assertThat(granted.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
			.contains("authorization", "content-type", "anonymousid", "sentat");
		assertThat(granted.headers().firstValue("Access-Control-Max-Age")).contains("86400");
		assertThat(granted.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

		HttpResponse<String> stored = track(origin, "after");
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		assertThat(stored.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
		assertThat(events("before", "after")).isEqualTo(1);

		// Another origin: no grant, nothing stored; a key of another workspace allowing it does not help this key.
		String other = "https://evil-" + run + ".example.com";
		assertThat(preflight(other).statusCode()).isEqualTo(403);
		assertThat(track(other, "evil").statusCode()).isEqualTo(403);
		assertThat(events("evil")).isZero();
		// Sandboxed frames and file: pages send "Origin: null": refused, not an error.
		assertThat(preflight("null").statusCode()).isEqualTo(403);
		assertThat(track("null", "null-origin").statusCode()).isEqualTo(403);
		assertThat(events("null-origin")).isZero();
	}

	@Test
	void originsAreValidatedAndNeedAReadWriteToken() {
		HttpResponse<String> invalid = http.send("PUT", "/api/v1/write-keys/" + key.id() + "/allowed-origins",
				"{\"allowedOrigins\":[\"javascript:alert(1)\", \"https://ok.example.jp/path\"]}", token);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("javascript:alert(1)", "https://ok.example.jp/path");
		String readOnly = accessKeys.issueApiToken(workspace, "r", TokenScope.READ).secret();
		assertThat(http.get("/api/v1/write-keys", readOnly).statusCode()).isEqualTo(403);
		assertThat(http.send("PUT", "/api/v1/write-keys/" + key.id() + "/allowed-origins",
				"{\"allowedOrigins\":[\"*\"]}", readOnly).statusCode()).isEqualTo(403);
		assertThat(accessKeys.writeKeys(workspace).get(0).allowedOrigins()).isEmpty();
	}

	@Test
	void anAdminSetsTheOriginsOnTheSettingsPage() {
		String email = "admin-" + run + "@example.com";
		people.createUser(workspace, email, "Admin", "correct horse battery", Role.ADMIN);
		WebSession admin = WebSession.signedIn(port, email, "correct horse battery");
		String origin = "https://shop-" + run + ".example.jp";
		assertThat(admin.post("/settings/write-keys/" + key.id() + "/origins",
				"origins=" + WebSession.encode(origin + "\n*")).statusCode()).isEqualTo(302);
		assertThat(accessKeys.writeKeys(workspace).get(0).allowedOrigins()).containsExactly(origin, "*");
		String page = admin.get("/settings").body();
		assertThat(page).contains(origin);
		assertThat(track("https://any.example.org", "star").statusCode()).isEqualTo(200);

		admin.post("/settings/write-keys/" + key.id() + "/origins", "origins=" + WebSession.encode("not an origin"));
		assertThat(accessKeys.writeKeys(workspace).get(0).allowedOrigins()).containsExactly(origin, "*");
		assertThat(admin.get("/settings").body()).contains("not an origin");

		// "*" of any key grants every preflight (a preflight names no key), so it is taken back here: the other
		// tests of this JVM expect unknown origins refused.
		admin.post("/settings/write-keys/" + key.id() + "/origins", "origins=" + WebSession.encode(origin));
		assertThat(accessKeys.writeKeys(workspace).get(0).allowedOrigins()).containsExactly(origin);
		assertThat(track("https://any.example.org", "star-2").statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> preflight(String origin) {
		return http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/t")))
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
	}

	private HttpResponse<String> track(String origin, String messageId) {
		return http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/t")))
			.header("Origin", origin)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"track\",\"event\":\"E\",\"anonymousId\":\"a\",\"messageId\":\""
					+ messageId + "\",\"writeKey\":\"" + key.secret() + "\"}")));
	}

	private long events(String... ids) {
		return jdbc.sql("select count(*) from event where workspace_id = ? and message_id = any(?)")
			.params(workspace.value(), ids)
			.query(Long.class)
			.single();
	}
}
