package io.kizuna.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.health.HealthScoring;
import io.kizuna.shared.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET and PUT /api/v1/workspace/settings: validated, scoped to the token's workspace, effective at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspaceSettingsApiIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	HealthScoring scoring;

	TestHttp http;

	WorkspaceId workspace;

	String readWrite;

	String readOnly;

	@BeforeEach
	void workspace() {
		http = new TestHttp(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("settings-" + run, "Settings", "JPY", "Asia/Tokyo", "ja")).id();
		readWrite = accessKeys.issueApiToken(workspace, "rw", TokenScope.READ_WRITE).secret();
		readOnly = accessKeys.issueApiToken(workspace, "r", TokenScope.READ).secret();
	}

	@Test
	void settingsAreReadAndReplaced() {
		var read = http.get("/api/v1/workspace/settings", readOnly);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"currency\":\"JPY\"", "\"timeZone\":\"Asia/Tokyo\"", "\"locale\":\"ja\"");

		var put = http.send("PUT", "/api/v1/workspace/settings",
				"{\"currency\":\"USD\",\"timeZone\":\"Pacific/Kiritimati\",\"locale\":\"en\"}", readWrite);
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(put.body()).contains("\"currency\":\"USD\"", "\"timeZone\":\"Pacific/Kiritimati\"");
		Workspace changed = workspaces.get(workspace);
		assertThat(changed.currency().getCurrencyCode()).isEqualTo("USD");
		assertThat(changed.locale().getLanguage()).isEqualTo("en");
		assertThat(scoring.today(workspace)).as("days are cut in the new zone at once")
			.isEqualTo(LocalDate.now(ZoneId.of("Pacific/Kiritimati")));
		assertThat(http.get("/api/v1/workspace/settings", TestHttp.API_TOKEN).body())
			.as("another workspace's token sees its own settings").doesNotContain("Kiritimati");
	}

	@Test
	void invalidSettingsAreRefusedWithEveryReasonAndNothingChanges() {
		var put = http.send("PUT", "/api/v1/workspace/settings",
				"{\"currency\":\"yen\",\"timeZone\":\"Mars/Olympus\",\"locale\":\"fr\"}", readWrite);
		assertThat(put.statusCode()).isEqualTo(400);
		assertThat(put.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(put.body()).contains("currency: not an ISO 4217 code", "timeZone: unknown time zone", "locale: ja or en");
		assertThat(http.send("PUT", "/api/v1/workspace/settings", "{\"currency\":\"EUR\",\"timeZone\":\"+09:00\",\"locale\":\"ja\"}",
				readWrite).statusCode()).as("an offset is not a region").isEqualTo(400);
		assertThat(workspaces.get(workspace).currency().getCurrencyCode()).isEqualTo("JPY");
	}

	@Test
	void aReadOnlyTokenCannotChangeThem() {
		var put = http.send("PUT", "/api/v1/workspace/settings",
				"{\"currency\":\"USD\",\"timeZone\":\"UTC\",\"locale\":\"en\"}", readOnly);
		assertThat(put.statusCode()).isEqualTo(403);
		assertThat(http.get("/api/v1/workspace/settings", "kzt_unknown").statusCode()).isEqualTo(401);
		assertThat(workspaces.get(workspace).currency().getCurrencyCode()).isEqualTo("JPY");
	}
}
