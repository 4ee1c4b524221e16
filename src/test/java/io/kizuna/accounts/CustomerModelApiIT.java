package io.kizuna.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerModelApiIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	final JsonMapper json = JsonMapper.builder().build();

	TestHttp http;

	String token;

	WorkspaceId workspace;

	@BeforeEach
	void newWorkspace() {
		http = new TestHttp(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("api-" + run, "API " + run, "JPY", "Asia/Tokyo", "ja")).id();
		token = accessKeys.issueApiToken(workspace, "test", TokenScope.READ_WRITE).secret();
	}

	@Test
	void accountsAreCreatedReadMergedAndListedByExternalId() {
		var created = send("POST", "/api/v1/accounts", """
				{"externalId":"acme jp-1","name":"株式会社アクメ","domain":"acme.co.jp","tier":"enterprise",
				 "lifecycleStage":"onboarding","attributes":{"region":"関東","employees":120}}""");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/accounts/acme%20jp-1");
		assertThat(send("POST", "/api/v1/accounts", "{\"externalId\":\"acme jp-1\",\"name\":\"again\"}").statusCode())
			.isEqualTo(409);

		var patched = send("PATCH", "/api/v1/accounts/acme%20jp-1",
				"{\"lifecycleStage\":\"adopting\",\"attributes\":{\"employees\":null,\"nps\":9}}");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		JsonNode account = body(http.get("/api/v1/accounts/acme%20jp-1", token));
		assertThat(account.get("name").asString()).isEqualTo("株式会社アクメ");
		assertThat(account.get("lifecycleStage").asString()).isEqualTo("adopting");
		assertThat(account.get("attributes").toString()).isEqualTo("{\"nps\":9,\"region\":\"関東\"}");

		assertThat(send("PUT", "/api/v1/accounts/child", "{\"name\":\"Acme Kansai\",\"parentExternalId\":\"acme jp-1\"}")
			.statusCode()).isEqualTo(200);
		JsonNode page = body(http.get("/api/v1/accounts?q=acme&size=1&page=1", token));
		assertThat(page.get("total").asInt()).isEqualTo(2);
		assertThat(page.get("items").get(0).get("externalId").asString()).isEqualTo("acme jp-1");
		assertThat(body(http.get("/api/v1/accounts/child", token)).get("parentExternalId").asString()).isEqualTo("acme jp-1");
		assertThat(body(http.get("/api/v1/accounts?tier=enterprise", token)).get("total").asInt()).isEqualTo(1);
	}

	@Test
	void invalidRequestsAreProblemsListingEveryViolation() {
		var response = send("POST", "/api/v1/accounts", "{\"externalId\":\"" + "x".repeat(201) + "\",\"name\":\"\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = body(response);
		assertThat(problem.get("errors").toString()).contains("externalId: at most 200 characters", "name: required");

		assertThat(send("POST", "/api/v1/accounts", "{broken").statusCode()).isEqualTo(400);
		assertThat(http.get("/api/v1/accounts?size=100000", token).statusCode()).isEqualTo(400);
		assertThat(http.get("/api/v1/accounts/nope", token).statusCode()).isEqualTo(404);
		var unknownParent = send("PUT", "/api/v1/accounts/orphan", "{\"name\":\"O\",\"parentExternalId\":\"ghost\"}");
		assertThat(body(unknownParent).get("errors").toString()).contains("parentExternalId: no such account");
	}

	@Test
	void unknownFieldsInABodyAreRefusedAndNamedByTheirPath() {
		var typo = send("POST", "/api/v1/accounts", "{\"externalId\":\"typo-co\",\"nmae\":\"typo\"}");
		assertThat(typo.statusCode()).isEqualTo(400);
		assertThat(typo.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(body(typo).get("errors").get(0).asString()).startsWith("nmae: unknown field; known fields: ")
			.contains("name", "externalId", "attributes");
		assertThat(http.get("/api/v1/accounts/typo-co", token).statusCode()).as("nothing stored").isEqualTo(404);

		send("PUT", "/api/v1/accounts/known-co", "{\"name\":\"Known\"}");
		var nested = send("PUT", "/api/v1/subscriptions/s-typo", """
				{"accountExternalId":"known-co","plan":"X","mrr":{"amount":100},"startedOn":"2026-01-01"}""");
		assertThat(nested.statusCode()).isEqualTo(400);
		assertThat(body(nested).get("errors").get(0).asString()).startsWith("mrr.amount: unknown field")
			.contains("minorUnits", "currency");
		// The money shape before ADR 0039 is refused by name, not silently ignored.
		var old = send("PUT", "/api/v1/subscriptions/s-typo", """
				{"accountExternalId":"known-co","plan":"X","mrrMinor":100,"startedOn":"2026-01-01"}""");
		assertThat(body(old).get("errors").get(0).asString()).startsWith("mrrMinor: unknown field");
		var inBatch = send("POST", "/api/v1/transactions", """
				{"transactions":[{"id":"t-1","customerId":"c-1","occurredAt":"2026-11-01T10:00:00Z",
				  "amount":{"minorUnits":100}},{"id":"t-2","customerId":"c-1","occurredAt":"2026-11-01T10:00:00Z",
				  "amount":{"minorUnits":100},"note":"x"}]}""");
		assertThat(body(inBatch).get("errors").get(0).asString()).startsWith("transactions[1].note: unknown field");
		var wrongType = send("PATCH", "/api/v1/accounts/known-co", "{\"ownerUserId\":\"someone\"}");
		assertThat(wrongType.statusCode()).isEqualTo(400);
		assertThat(body(wrongType).get("errors").get(0).asString()).isEqualTo("ownerUserId: expected Long");
		var broken = send("POST", "/api/v1/accounts", "{broken");
		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(body(broken).get("errors").get(0).asString()).startsWith("body: not valid JSON at line 1");
		assertThat(http.get("/api/v1/subscriptions/s-typo", token).statusCode()).isEqualTo(404);
		assertThat(body(http.get("/api/v1/transactions?customer=c-1", token)).get("total").asLong()).isZero();
	}

	@Test
	void subscriptionsKeepTheHistoryOfEveryChange() {
		send("PUT", "/api/v1/accounts/sub-co", "{\"name\":\"Sub Co\"}");
		var created = send("POST", "/api/v1/subscriptions", """
				{"externalId":"s1","accountExternalId":"sub-co","plan":"Standard","mrr":{"minorUnits":30000},"seats":10,
				 "status":"active","startedOn":"2026-01-15"}""");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(body(created).get("mrr").toString()).isEqualTo("{\"minorUnits\":30000,\"currency\":\"JPY\"}");
		assertThat(body(created).get("status").asString()).isEqualTo("active");
		send("PUT", "/api/v1/subscriptions/s1", "{\"plan\":\"Enterprise\",\"mrr\":{\"minorUnits\":60000},\"effectiveOn\":\"2026-04-01\"}");
		send("PUT", "/api/v1/subscriptions/s1", "{\"seats\":4,\"mrr\":{\"minorUnits\":24000,\"currency\":\"JPY\"},\"effectiveOn\":\"2026-07-01\"}");
		var canceled = send("PUT", "/api/v1/subscriptions/s1",
				"{\"status\":\"canceled\",\"cancelReason\":\"budget\",\"effectiveOn\":\"2026-09-30\"}");
		assertThat(body(canceled).get("canceledOn").asString()).isEqualTo("2026-09-30");
		// Re-sending a state already recorded for that day adds nothing.
		send("PUT", "/api/v1/subscriptions/s1", "{\"status\":\"canceled\",\"effectiveOn\":\"2026-09-30\"}");

		JsonNode history = body(http.get("/api/v1/subscriptions/s1/history", token));
		assertThat(history.size()).isEqualTo(4);
		assertThat(history.valueStream().map(c -> c.get("effectiveOn").asString() + " " + c.get("plan").asString() + " "
				+ c.get("mrr").get("minorUnits").asLong() + " " + c.get("mrr").get("currency").asString() + " "
				+ c.get("seats").asInt() + " " + c.get("status").asString()))
			.containsExactly("2026-01-15 Standard 30000 JPY 10 active", "2026-04-01 Enterprise 60000 JPY 10 active",
					"2026-07-01 Enterprise 24000 JPY 4 active", "2026-09-30 Enterprise 24000 JPY 4 canceled");
		assertThat(history.get(0).has("mrrMinor")).isFalse();
		assertThat(body(http.get("/api/v1/subscriptions?status=canceled", token)).get("total").asInt()).isEqualTo(1);
		assertThat(body(http.get("/api/v1/subscriptions?status=CANCELED", token)).get("total").asInt()).isEqualTo(1);

		var bad = send("PUT", "/api/v1/subscriptions/s2", """
				{"accountExternalId":"sub-co","plan":"X","mrr":{"minorUnits":-5,"currency":"XXXX"},"status":"paused",
				 "startedOn":"2026-01-01"}""");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(body(bad).get("errors").toString()).contains("mrr: must not be negative", "currency",
				"status: one of");
		assertThat(http.get("/api/v1/subscriptions/s2", token).statusCode()).isEqualTo(404);
	}

	@Test
	void tokensAreCheckedAndScopedToTheirWorkspace() {
		send("PUT", "/api/v1/accounts/mine", "{\"name\":\"Mine\"}");
		assertThat(http.get("/api/v1/accounts/mine", "kzt_wrong").statusCode()).isEqualTo(401);
		assertThat(http.get("/api/v1/accounts/mine", TestHttp.API_TOKEN).statusCode()).isEqualTo(404);
		assertThat(body(http.get("/api/v1/accounts", TestHttp.API_TOKEN)).toString()).doesNotContain("\"mine\"");

		String readOnly = accessKeys.issueApiToken(workspace, "ro", TokenScope.READ).secret();
		assertThat(http.get("/api/v1/accounts/mine", readOnly).statusCode()).isEqualTo(200);
		assertThat(http.send("PATCH", "/api/v1/accounts/mine", "{\"name\":\"x\"}", readOnly).statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> send(String method, String path, String body) {
		return http.send(method, path, body, token);
	}

	private JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}
}
