package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kizuna.rate-limit.api.per-second=1", "kizuna.rate-limit.api.burst=3",
		"kizuna.rate-limit.ingest.per-second=1", "kizuna.rate-limit.ingest.burst=2",
		"kizuna.feedback.portal-rate.per-second=1", "kizuna.feedback.portal-rate.burst=3",
		"kizuna.knowledge.portal-rate.per-second=1", "kizuna.knowledge.portal-rate.burst=3",
		"kizuna.feedback.survey-rate.per-second=1", "kizuna.feedback.survey-rate.burst=3",
		"kizuna.support.public-rate.per-second=1", "kizuna.support.public-rate.burst=3" })
class RateLimitIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Test
	void apiTokensAndWriteKeysAreThrottledEachOnItsOwn() {
		WorkspaceId workspace = workspaces.create(new NewWorkspace("rl-" + UUID.randomUUID().toString().substring(0, 8),
				"RL", "JPY", "Asia/Tokyo", "en")).id();
		String first = accessKeys.issueApiToken(workspace, "one", TokenScope.READ).secret();
		String second = accessKeys.issueApiToken(workspace, "two", TokenScope.READ).secret();
		TestHttp http = new TestHttp(port);

		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> limited = null;
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> response = http.get("/api/v1/accounts", first);
			statuses.add(response.statusCode());
			if (response.statusCode() == 429) {
				limited = response;
			}
		}
		assertThat(statuses.subList(0, 3)).containsOnly(200);
		assertThat(statuses).contains(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
				seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
		assertThat(limited.body()).contains("Too Many Requests");
		assertThat(http.get("/api/v1/accounts", second).statusCode()).as("another token has its own bucket").isEqualTo(200);

		String key = accessKeys.issueWriteKey(workspace, "rl").secret();
		List<Integer> ingest = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ingest.add(http.segment("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"rl-" + i + "\"}", key)
				.statusCode());
		}
		assertThat(ingest.subList(0, 2)).containsOnly(200);
		assertThat(ingest).contains(429);
		assertThat(http.get("/api/v1/accounts", "kzt_unknown").statusCode()).as("unauthenticated: 401, not 429")
			.isEqualTo(401);
	}

	@Test
	void eachPublicDoorThrottlesAnAnonymousVisitorOnItsOwn() {
		TestHttp http = new TestHttp(port);
		// the help center, the feature-request portal, surveys, the web form: a bucket each
		for (String path : List.of("/help/no-such-workspace", "/ideas/no-such-workspace", "/s/" + "A".repeat(43),
				"/contact/no-such-workspace")) {
			List<Integer> statuses = new ArrayList<>();
			HttpResponse<String> limited = null;
			for (int i = 0; i < 6; i++) {
				HttpResponse<String> response = http.getWithoutToken(path);
				statuses.add(response.statusCode());
				if (response.statusCode() == 429) {
					limited = response;
				}
			}
			assertThat(statuses.subList(0, 3)).as(path).doesNotContain(429);
			assertThat(statuses).as(path).contains(429);
			assertThat(limited.headers().firstValue("Retry-After")).as(path).hasValueSatisfying(
					seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
			assertThat(limited.body()).as(path).contains("Too many requests", "アクセスが集中しています");
		}
	}

	@Test
	void pagesCarryASecurityPolicy() {
		HttpResponse<String> login = new TestHttp(port).send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/login")));
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}
}
