package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.kizuna.NpmPackages;
import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description as a client generator reads it (ADR 0038): linted by Redocly CLI's recommended rules
 * (installed from npm, as the SDK tests install theirs) with zero errors and zero warnings, and checked here for what
 * the linter does not require: every operation's tag defined with a description, the problem+json errors, JSON
 * media types, examples that the API itself accepts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDescriptionIT {

	static final String REDOCLY_VERSION = "2.77.0";

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	BuildProperties build;

	final JsonMapper json = JsonMapper.builder().build();

	TestHttp http;

	TestWorkspace workspace;

	String text;

	JsonNode document;

	@BeforeAll
	void fetch() {
		http = new TestHttp(port);
		workspace = TestWorkspace.create(workspaces, people, accessKeys, "openapi", "en");
		HttpResponse<String> response = http.get("/api/v1/openapi", workspace.apiToken());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		text = response.body();
		document = json.readTree(text);
	}

	@Test
	void redoclyRecommendedRulesFindNothing() throws Exception {
		Path file = Path.of("target/openapi.json").toAbsolutePath();
		Files.writeString(file, text, StandardCharsets.UTF_8);
		Path prefix = NpmPackages.install("redocly", "@redocly/cli", REDOCLY_VERSION);
		Path log = prefix.resolve("lint.log");
		Process lint = new ProcessBuilder(prefix.resolve("node_modules/.bin/redocly").toString(), "lint",
				"--extends=recommended", "--format=stylish", "--max-problems=500", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(lint.waitFor(3, TimeUnit.MINUTES)).as("redocly lint finished").isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(lint.exitValue()).as(output).isZero();
		assertThat(output).as(output).contains("Woohoo! Your API description is valid.");
		// No problem line at all ("1:2345  warning  rule  message"); Node's own deprecation banner is not one.
		assertThat(output).as(output).doesNotContainPattern("\\d+:\\d+\\s+(error|warning)\\s");
	}

	@Test
	void describesTheProductItsVersionServerAndAuthentication() {
		JsonNode info = document.get("info");
		assertThat(info.get("title").asString()).isEqualTo("Kizuna API");
		assertThat(info.get("version").asString()).isEqualTo(build.getVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
		assertThat(info.get("description").asString()).contains("minorUnits", "problem+json");
		assertThat(info.get("license").get("name").asString()).isEqualTo("Apache License 2.0");
		assertThat(document.get("servers").toString()).doesNotContain("Generated server url", "localhost");
		assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
		JsonNode schemes = document.get("components").get("securitySchemes");
		assertThat(schemes.get("apiToken").get("scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.get("writeKey").get("scheme").asString()).isEqualTo("basic");
		assertThat(document.get("security").toString()).isEqualTo("[{\"apiToken\":[]}]");
	}

	@Test
	void everyOperationHasASummaryAnIdADefinedTagAndItsProblems() {
		Set<String> definedTags = new TreeSet<>();
		document.get("tags").forEach(tag -> {
			assertThat(tag.path("description").asString("")).as("tag " + tag).isNotBlank();
			definedTags.add(tag.get("name").asString());
		});
		List<String> operations = new ArrayList<>();
		document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
			String name = entry.getKey().toUpperCase() + " " + path.getKey();
			JsonNode operation = entry.getValue();
			operations.add(name);
			assertThat(operation.path("summary").asString("")).as(name).isNotBlank();
			assertThat(operation.path("operationId").asString("")).as(name).matches("[a-z][A-Za-z]+");
			assertThat(operation.get("tags")).as(name).hasSize(1);
			assertThat(definedTags).as(name).contains(operation.get("tags").get(0).asString());
			JsonNode responses = operation.get("responses");
			assertThat(responses.has("401")).as(name).isTrue();
			responses.properties().forEach(response -> {
				JsonNode content = response.getValue().path("content");
				if (response.getKey().startsWith("4")) {
					assertThat(content.get("application/problem+json").get("schema").get("$ref").asString())
						.as(name + " " + response.getKey()).isEqualTo("#/components/schemas/ProblemDetail");
				}
				else {
					content.propertyNames().forEach(type -> assertThat(type).as(name).isNotEqualTo("*/*"));
				}
			});
			if (path.getKey().contains("{") && !entry.getKey().equals("put") && path.getKey().startsWith("/api/")) {
				assertThat(responses.has("404")).as(name).isTrue();
			}
			if (operation.has("requestBody") || operation.has("parameters")) {
				assertThat(responses.has("400")).as(name).isTrue();
			}
		}));
		assertThat(operations).hasSizeGreaterThan(45)
			.contains("POST /v1/{call}", "GET /api/v1/accounts", "POST /api/v1/transactions")
			.noneMatch(operation -> operation.endsWith("/"));
		JsonNode create = document.get("paths").get("/api/v1/accounts").get("post").get("responses");
		assertThat(create.propertyNames()).contains("201", "409").doesNotContain("200");
		assertThat(document.get("paths").get("/v1/{call}").get("post").get("security").toString())
			.isEqualTo("[{\"writeKey\":[]}]");
		assertThat(document.get("paths").get("/api/v1/revenue/ltv/fit").get("post").get("responses").has("422"))
			.isTrue();
		assertThat(document.get("paths").get("/api/v1/imports/{kind}").get("post").get("responses").has("413"))
			.isTrue();
	}

	@Test
	void theExamplesOfTheMainResourcesAreAcceptedByTheApi() throws IOException {
		JsonNode schemas = document.get("components").get("schemas");
		for (String resource : List.of("Account", "Contact", "Subscription", "AccountBody", "ContactBody",
				"SubscriptionBody", "TransactionBatch")) {
			assertThat(schemas.get(resource).has("example")).as(resource).isTrue();
		}
		assertAccepted(http.send("POST", "/api/v1/accounts", example("AccountBody"), workspace.apiToken()), 201);
		assertAccepted(http.send("POST", "/api/v1/contacts", example("ContactBody"), workspace.apiToken()), 201);
		assertAccepted(http.send("POST", "/api/v1/subscriptions", example("SubscriptionBody"), workspace.apiToken()),
				201);
		assertAccepted(http.send("POST", "/api/v1/transactions", example("TransactionBatch"), workspace.apiToken()),
				200);
		String batch = document.get("paths").get("/v1/{call}").get("post").get("requestBody").get("content")
			.get("application/json").get("examples").get("batch").get("value").toString();
		assertAccepted(http.segment("/v1/batch", batch, workspace.writeKey()), 200);
		// What the examples show is what the API answers for them.
		JsonNode account = json.readTree(http.get("/api/v1/accounts/acme-jp", workspace.apiToken()).body());
		assertThat(account.propertyNames()).containsAll(schemas.get("Account").get("example").propertyNames());
		JsonNode subscription = json
			.readTree(http.get("/api/v1/subscriptions/sub-acme-jp", workspace.apiToken()).body());
		assertThat(subscription.get("mrr")).isEqualTo(schemas.get("Subscription").get("example").get("mrr"));
		assertThat(subscription.get("status").asString())
			.isEqualTo(schemas.get("Subscription").get("example").get("status").asString());
	}

	private String example(String schema) {
		return document.get("components").get("schemas").get(schema).get("example").toString();
	}

	private static void assertAccepted(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
	}
}
