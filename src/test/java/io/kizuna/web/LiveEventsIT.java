package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.UsageRollups;
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

/** Issue 12: the live events page (resolution, refused calls, filters, every field escaped) and REST read-back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveEventsIT {

	static final String SCRIPT = "<script>alert(1)</script>";

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	io.kizuna.workspace.AccessKeys accessKeys;

	@Autowired
	io.kizuna.workspace.UserManagement people;

	@Autowired
	UsageRollups rollups;

	TestHttp http;

	WorkspaceId workspace;

	IssuedSecret key;

	IssuedSecret other;

	WebSession admin;

	String token;

	@BeforeEach
	void workspaceWithEvents() {
		http = new TestHttp(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("live-" + run, "Live " + run, "JPY", "Asia/Tokyo", "en")).id();
		key = accessKeys.issueWriteKey(workspace, "web-app");
		other = accessKeys.issueWriteKey(workspace, "backend");
		token = accessKeys.issueApiToken(workspace, "r", TokenScope.READ).secret();
		people.createUser(workspace, "admin-" + run + "@example.com", "Admin", "correct-horse-battery", Role.ADMIN);
		admin = WebSession.signedIn(port, "admin-" + run + "@example.com", "correct-horse-battery");
	}

	@Test
	void theLatestEventsNewestFirstWithTheirResolutionEscapedAndFiltered() {
		ok(http.segment("/v1/group", "{\"userId\":\"u1\",\"groupId\":\"acme\",\"traits\":{\"name\":\"株式会社アクメ\"},\"messageId\":\"g\"}", key.secret()));
		ok(http.segment("/v1/track", "{\"userId\":\"u1\",\"event\":\"" + SCRIPT.replace("/", "\\/")
				+ "\",\"properties\":{\"url\":\"javascript:alert(2)\",\"html\":\"<img src=x onerror=alert(3)>\"},\"messageId\":\"t1\"}",
				key.secret()));
		ok(http.segment("/v1/track", "{\"anonymousId\":\"anon-9\",\"event\":\"Viewed\",\"properties\":{\"long\":\"" + "x".repeat(31_000)
				+ "\"},\"messageId\":\"t2\"}", other.secret()));
		ok(http.segment("/v1/track", "{\"userId\":\"stranger\",\"event\":\"Viewed\",\"messageId\":\"t3\"}", other.secret()));
		HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(http.url("/v1/t")))
			.header("Authorization", TestHttp.basic(key.secret()))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("not json " + SCRIPT)));
		assertThat(refused.statusCode()).isEqualTo(400);

		// Until the attribution pass has looked at them, unattributed events show as waiting for it.
		rollups.processPending();
		String page = admin.get("/usage/live").body();
		assertThat(page).doesNotContain(SCRIPT).doesNotContain("<img src=x").doesNotContain("href=\"javascript:");
		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		// Newest first: t3, t2, t1, g.
		assertThat(page.indexOf("stranger")).isLessThan(page.indexOf("anon-9"));
		assertThat(page.indexOf("anon-9")).isLessThan(page.indexOf("&lt;script&gt;alert(1)"));
		assertThat(page).contains("the user is unknown", "an anonymous id no alias maps to a linked user",
				"href=\"/accounts/acme\"");
		assertThat(page).doesNotContain("x".repeat(400));
		// The refused call, with its reason.
		assertThat(page).contains("live-rejection", "not json &lt;script&gt;");

		String tracksOfBackend = admin.get("/usage/live?type=track&key=" + other.id()).body();
		assertThat(tracksOfBackend).contains("stranger", "anon-9").doesNotContain("alert(1)");
		assertThat(admin.get("/usage/live?user=u1&type=group").body()).contains("acme").doesNotContain("stranger");
		assertThat(admin.get("/usage/live?event=Viewed&user=anon-9").body()).contains("anon-9").doesNotContain("stranger");
	}

	@Test
	void anAccountsEventsAndDailyRollupsReadBackThroughRest() {
		ok(http.segment("/v1/group", "{\"userId\":\"u1\",\"groupId\":\"beta\",\"messageId\":\"g\"}", key.secret()));
		StringBuilder batch = new StringBuilder("{\"batch\":[");
		for (int i = 0; i < 12; i++) {
			batch.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"")
				.append(i % 3 == 0 ? "Exported" : "Viewed")
				.append("\",\"messageId\":\"m").append(i)
				.append("\",\"timestamp\":\"2026-11-2").append(i % 2).append("T0").append(i % 10).append(":00:00Z\"}");
		}
		ok(http.segment("/v1/batch", batch.append("]}").toString(), key.secret()));
		rollups.processPending();

		HttpResponse<String> first = http.get("/api/v1/accounts/beta/events?from=2026-11-01&to=2026-12-01&size=5", token);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.body()).contains("\"hasMore\":true").contains("\"type\":\"track\"");
		assertThat(first.body().split("\"messageId\"", -1)).hasSize(6);
		String exported = http.get("/api/v1/accounts/beta/events?from=2026-11-01&to=2026-12-01&event=Exported", token).body();
		assertThat(exported.split("\"messageId\"", -1)).hasSize(5);
		assertThat(exported).contains("\"hasMore\":false").doesNotContain("Viewed");

		HttpResponse<String> daily = http.get("/api/v1/accounts/beta/usage/daily?from=2026-11-19&to=2026-11-22", token);
		assertThat(daily.statusCode()).isEqualTo(200);
		// Days in Asia/Tokyo: 2026-11-20T00..09Z and 2026-11-21T00..09Z fall on the 20th and the 21st.
		assertThat(daily.body()).contains("{\"day\":\"2026-11-20\",\"events\":6,\"activeUsers\":1}")
			.contains("{\"day\":\"2026-11-21\",\"events\":6,\"activeUsers\":1}");
		assertThat(http.get("/api/v1/accounts/nobody/events", token).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/accounts/beta/events?from=yesterday", token).statusCode()).isEqualTo(400);
	}

	private static void ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}
}
