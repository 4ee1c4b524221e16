package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.Scorecard;
import io.kizuna.health.ScorecardDefinition;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * For every REST endpoint the application has (read from its own mappings, so new endpoints are covered without
 * touching this test), workspace B's token tries to read and change workspace A's objects by their ids: never a
 * 2xx with A's data, and A's objects are unchanged afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspaceIsolationIT {

	static final String SECRET = "SECRET-OF-A";

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	AccountManagement accounts;

	@Autowired
	HealthAdministration health;

	@Autowired
	HealthScoring scoring;

	@Autowired
	io.kizuna.ltv.TransactionLog transactions;

	@Autowired
	io.kizuna.segments.SegmentManagement segments;

	@Test
	void noEndpointLetsOneWorkspaceReadOrChangeAnothersObjects() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId a = workspaces.create(new NewWorkspace("iso-a-" + run, "A", "JPY", "Asia/Tokyo", "ja")).id();
		WorkspaceId b = workspaces.create(new NewWorkspace("iso-b-" + run, "B", "JPY", "Asia/Tokyo", "ja")).id();
		String tokenB = accessKeys.issueApiToken(b, "b", TokenScope.READ_WRITE).secret();
		Scorecard card = secretObjects(a);

		transactions.record(a, List.of(new io.kizuna.ltv.TransactionDraft("iso-tx", "iso-customer",
				java.time.Instant.now().minusSeconds(86_400), 4242, "JPY")));
		Map<String, String> ids = Map.of("externalId", "iso-acct", "id", Long.toString(card.id()), "kind", "accounts",
				"customerId", "iso-customer", "key", "iso-seg", "milestoneKey", "kickoff", "language", "ja", "version", "1", "vote", "1",
				"messageId", "1");
		TestHttp http = new TestHttp(port);
		List<String> tried = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/")) {
					continue;
				}
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String path = pattern;
					for (var id : ids.entrySet()) {
						path = path.replace("{" + id.getKey() + "}", objectId(pattern, id.getKey(), id.getValue()));
					}
					HttpResponse<String> response = http.send(method.name(), path, "{}", tokenB);
					tried.add(method + " " + path + " → " + response.statusCode());
					assertThat(response.body()).as(method + " " + path).doesNotContain(SECRET).doesNotContain("4242");
					assertThat(response.statusCode()).as(method + " " + path + " answers without a server error")
						.isLessThan(500);
				}
			}
		});
		assertThat(tried).as("endpoints tried").hasSizeGreaterThan(20);

		assertThat(accounts.account(a, "iso-acct").name()).isEqualTo(SECRET + " KK");
		assertThat(accounts.account(a, "iso-acct").attributes()).containsEntry("note", SECRET);
		assertThat(accounts.findContact(a, "iso-contact").orElseThrow().name()).isEqualTo(SECRET + " Person");
		assertThat(accounts.findSubscription(a, "iso-sub").orElseThrow().mrr().minorUnits()).isEqualTo(4242);
		assertThat(accounts.notes(a, "iso-acct", 10)).hasSize(1);
		assertThat(health.scorecards(a)).extracting(Scorecard::name).contains(SECRET);
		assertSegmentOfAUnchanged(a);
	}

	private void assertSegmentOfAUnchanged(WorkspaceId a) {
		io.kizuna.segments.Segment segment = segments.get(a, "iso-seg");
		assertThat(segment.name()).isEqualTo(SECRET);
		assertThat(segment.definition()).isEqualTo("name contains \"" + SECRET + "\"");
		assertThat(segment.memberCount()).isEqualTo(1);
	}

	/**
	 * Workspace B's lists hold exactly B's rows, by id and in their totals, however many rows other workspaces have
	 * (more than a page of them here, and whatever other test classes left in the database).
	 */
	@Test
	void workspaceBsListsHoldOnlyBsRows() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId a = workspaces.create(new NewWorkspace("isl-a-" + run, "A", "JPY", "Asia/Tokyo", "ja")).id();
		WorkspaceId b = workspaces.create(new NewWorkspace("isl-b-" + run, "B", "JPY", "Asia/Tokyo", "ja")).id();
		String tokenB = accessKeys.issueApiToken(b, "b", TokenScope.READ_WRITE).secret();
		for (int i = 0; i < 60; i++) {
			rows(a, "a" + i);
		}
		rows(b, "b1");
		rows(b, "b2");
		accounts.saveAccount(b, "b3", new AccountDraft("B3 KK", null, null, "smb", null, null, null, Map.of()));
		scoring.recompute(a, scoring.today(a));
		scoring.recompute(b, scoring.today(b));

		TestHttp http = new TestHttp(port);
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		java.util.function.BiFunction<String, String, tools.jackson.databind.JsonNode> page = (path, field) -> {
			HttpResponse<String> response = http.get(path, tokenB);
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
			return json.readTree(response.body());
		};
		record Listing(String path, String idField, List<String> ids) {
		}
		for (Listing listing : List.of(new Listing("/api/v1/accounts?size=500", "externalId", List.of("b1", "b2", "b3")),
				new Listing("/api/v1/contacts?size=500", "externalId", List.of("b1-contact", "b2-contact")),
				new Listing("/api/v1/subscriptions?size=500", "externalId", List.of("b1-sub", "b2-sub")),
				new Listing("/api/v1/transactions?size=500", "sourceId", List.of("b1-tx", "b2-tx")),
				new Listing("/api/v1/health/at-risk?size=500", "externalId", List.of("b1", "b2")))) {
			tools.jackson.databind.JsonNode body = page.apply(listing.path(), listing.idField());
			List<String> ids = new ArrayList<>();
			body.get("items").forEach(item -> ids.add(item.get(listing.idField()).asString()));
			assertThat(ids).as(listing.path()).containsExactlyInAnyOrderElementsOf(listing.ids());
			assertThat(body.get("total").asLong()).as(listing.path() + " total").isEqualTo(listing.ids().size());
		}
		// page 2 of a page size of 1 is B's second account, not someone else's
		assertThat(page.apply("/api/v1/accounts?size=2&page=1", "externalId").get("items").get(0).get("externalId")
			.asString()).isIn("b1", "b2", "b3");
		assertThat(page.apply("/api/v1/accounts/b1/contacts", "externalId").toString()).contains("b1-contact")
			.doesNotContain("a1-contact");
		assertThat(page.apply("/api/v1/accounts/b1/notes", "body").toString()).contains("note of b1").doesNotContain("note of a");
		List<String> scorecards = new ArrayList<>();
		page.apply("/api/v1/health/scorecards", "name").forEach(card -> scorecards.add(card.get("id").asString()));
		assertThat(scorecards).containsExactlyElementsOf(
				health.scorecards(b).stream().map(card -> Long.toString(card.id())).toList());
		String csv = http.get("/api/v1/exports/accounts.csv", tokenB).body();
		assertThat(csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList())
			.containsExactlyInAnyOrder("b1", "b2", "b3");
		segments.create(a, new io.kizuna.segments.SegmentDraft("smb-a", "A's smb", "tier = \"smb\""));
		segments.create(b, new io.kizuna.segments.SegmentDraft("smb-b", "B's smb", "tier = \"smb\""));
		assertThat(strings(page.apply("/api/v1/segments", "key"), "key")).containsExactly("smb-b");
		assertThat(page.apply("/api/v1/segments/smb-b", "key").get("memberCount").asInt()).isEqualTo(3);
		assertThat(page.apply("/api/v1/segments/smb-b/members?size=500", "externalId").get("total").asLong()).isEqualTo(3);
		assertThat(strings(page.apply("/api/v1/segments/smb-b/changes", "key"), "accountExternalId"))
			.containsExactlyInAnyOrder("b1", "b2", "b3");
		assertThat(http.send("POST", "/api/v1/segments/evaluate", "{\"definition\":\"tier = 'smb'\"}", tokenB).body())
			.contains("\"count\":3");
		// A's segment, however its id is guessed, filters B's lists to nothing of A's
		long idOfA = segments.get(a, "smb-a").id();
		assertThat(http.get("/api/v1/exports/accounts.csv?segment=" + idOfA, tokenB).body().lines().skip(1).toList()).isEmpty();
		HttpResponse<String> rfm = http.get("/api/v1/revenue/rfm?size=500", tokenB);
		assertThat(rfm.statusCode()).isEqualTo(200);
		assertThat(rfm.body()).contains("b1-customer", "b2-customer").doesNotContain("a1-customer", "a59-customer");
	}

	private static List<String> strings(tools.jackson.databind.JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach(item -> values.add(item.get(field).asString()));
		return values;
	}

	/** An account with a contact, a live subscription, a note and a purchase, all named after it. */
	private void rows(WorkspaceId workspace, String name) {
		accounts.saveAccount(workspace, name, new AccountDraft(name + " KK", null, null, "smb", null, null, null, Map.of()));
		accounts.saveContact(workspace, name + "-contact", new ContactDraft(name + "@example.com", name + " Person", null,
				name, null, Map.of()));
		accounts.saveSubscription(workspace, name + "-sub", new SubscriptionDraft(name, null, "Standard", 10_000L, "JPY", 3,
				"active", java.time.LocalDate.now().minusDays(30), null, null, null, null));
		accounts.addNote(workspace, name, "csm", "note of " + name);
		transactions.record(workspace, List.of(new io.kizuna.ltv.TransactionDraft(name + "-tx", name + "-customer",
				java.time.Instant.now().minusSeconds(86_400), 1000, "JPY")));
	}

	/**
	 * The same for every page and action of the web app: an admin of workspace B, signed in, opens A's pages and posts
	 * A's actions with A's ids (account external id, scorecard, write key, API token, user) and a valid CSRF token.
	 */
	@Test
	void noPageOrActionLetsOneWorkspaceReadOrChangeAnothersObjects() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId a = workspaces.create(new NewWorkspace("isp-a-" + run, "A", "JPY", "Asia/Tokyo", "en")).id();
		WorkspaceId b = workspaces.create(new NewWorkspace("isp-b-" + run, "B", "JPY", "Asia/Tokyo", "en")).id();
		Scorecard card = secretObjects(a);
		long writeKey = accessKeys.issueWriteKey(a, SECRET).id();
		long apiToken = accessKeys.issueApiToken(a, SECRET, TokenScope.READ).id();
		String password = "correct-horse-battery";
		long userOfA = people.createUser(a, "user-a-" + run + "@example.com", SECRET, password,
				io.kizuna.workspace.Role.CSM).id();
		String adminOfB = "admin-b-" + run + "@example.com";
		people.createUser(b, adminOfB, "Admin B", password, io.kizuna.workspace.Role.ADMIN);
		WebSession session = WebSession.signedIn(port, adminOfB, password);

		// Realistic form fields, so that an action refused only for a missing field does not pass for isolation.
		long noteOfA = accounts.notes(a, "iso-acct", 10).get(0).id();
		long userOfB = people.findUser(adminOfB).orElseThrow().id();
		Map<String, String> forms = Map.ofEntries(Map.entry("/accounts/{externalId}/notes", "body=intruder"),
				Map.entry("/settings/users/{id}/role", "role=viewer"), Map.entry("/settings/users/{id}/disable", "disabled=true"),
				Map.entry("/settings/scorecards/{id}", "action=save&name=hijacked&greenFrom=90&yellowFrom=80"),
				Map.entry("/accounts/{externalId}/notes/{noteId}", "body=hijacked"),
				Map.entry("/accounts/{externalId}/owner", "ownerUserId=" + userOfB),
				Map.entry("/accounts/{externalId}/profile", "tier=hijacked&stage=hijacked"),
				Map.entry("/accounts/{externalId}/attributes", "key=note&value=hijacked"),
				Map.entry("/accounts/{externalId}/attributes/remove", "key=note"),
				Map.entry("/accounts/{externalId}/contact-roles", "contact=iso-contact&role=champion"));
		List<String> tried = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/") || pattern.startsWith("/v1/") || pattern.equals("/error")
						|| !pattern.contains("{")) {
					continue;
				}
				String path = pattern.replace("{externalId}", "iso-acct")
					.replace("{noteId}", Long.toString(noteOfA))
					.replace("/scorecards/{id}", "/scorecards/" + card.id())
					.replace("/write-keys/{id}", "/write-keys/" + writeKey)
					.replace("/api-tokens/{id}", "/api-tokens/" + apiToken)
					.replace("/users/{id}", "/users/" + userOfA)
					.replace("/segments/{key}", "/segments/iso-seg")
					.replaceAll("\\{[^}]+}", "x");
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					HttpResponse<String> response = method == RequestMethod.GET ? session.get(path)
							: session.post(path, forms.getOrDefault(pattern, ""));
					tried.add(method + " " + path + " → " + response.statusCode());
					assertThat(response.body()).as(method + " " + path).doesNotContain(SECRET).doesNotContain("4,242");
					assertThat(response.statusCode()).as(method + " " + path).isLessThan(500);
					if (method == RequestMethod.GET) {
						assertThat(response.statusCode()).as(method + " " + path + " is not found").isEqualTo(404);
					}
					// A refused form post may also come back to its page with the error (checked below: nothing of A
					// changed).
				}
			}
		});
		assertThat(tried).as("pages and actions with ids tried").hasSizeGreaterThanOrEqualTo(8);
		// The pages without ids show B's own data only.
		for (String page : List.of("/", "/accounts", "/accounts?q=SECRET", "/at-risk", "/revenue", "/revenue/ltv",
				"/settings", "/audit", "/exports/accounts.csv", "/segments", "/accounts?segment=iso-seg",
				"/at-risk?segment=iso-seg", "/segments/new", "/touch-model")) {
			HttpResponse<String> response = session.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			assertThat(response.body()).as(page).doesNotContain(SECRET).doesNotContain("secret-a.example");
		}

		assertThat(accounts.notes(a, "iso-acct", 10)).hasSize(1)
			.allSatisfy(note -> assertThat(note.body()).isEqualTo(SECRET + " note"));
		assertThat(accounts.account(a, "iso-acct"))
			.satisfies(account -> assertThat(account.ownerUserId()).isNull())
			.satisfies(account -> assertThat(account.tier()).isEqualTo("smb"))
			.satisfies(account -> assertThat(account.attributes()).containsEntry("note", SECRET));
		assertThat(accounts.findContact(a, "iso-contact").orElseThrow().accountRole()).isNull();
		assertThat(people.passwordChangeRequired("user-a-" + run + "@example.com")).as("no reset across workspaces").isFalse();
		assertThat(health.scorecards(a)).extracting(Scorecard::name).contains(SECRET);
		assertSegmentOfAUnchanged(a);
		assertThat(accessKeys.writeKeys(a)).hasSize(1).allMatch(io.kizuna.workspace.KeySummary::active);
		assertThat(accessKeys.apiTokens(a)).hasSize(1).allMatch(io.kizuna.workspace.KeySummary::active);
		assertThat(people.users(a)).filteredOn(user -> user.id() == userOfA)
			.singleElement()
			.satisfies(user -> assertThat(user.role()).isEqualTo(io.kizuna.workspace.Role.CSM))
			.satisfies(user -> assertThat(user.disabled()).isFalse());
	}

	/** Workspace A's account, contact, subscription, note and scorecard, each carrying the secret; scored. */
	private Scorecard secretObjects(WorkspaceId a) {
		accounts.saveAccount(a, "iso-acct", new AccountDraft(SECRET + " KK", "secret-a.example", null, "smb", null, null,
				null, Map.of("note", SECRET)));
		accounts.saveContact(a, "iso-contact", new ContactDraft("secret@a.example", SECRET + " Person", null, "iso-acct",
				null, Map.of()));
		accounts.saveSubscription(a, "iso-sub", new SubscriptionDraft("iso-acct", null, "Standard", 4242L, "JPY", 3,
				"active", java.time.LocalDate.now().minusDays(30), null, null, null, null));
		segments.create(a, new io.kizuna.segments.SegmentDraft("iso-seg", SECRET, "name contains \"" + SECRET + "\""));
		accounts.addNote(a, "iso-acct", "csm", SECRET + " note");
		Scorecard card = health.createScorecard(a, SECRET, "vip",
				new ScorecardDefinition(ScorecardDefinition.standard().measures(), 40, 70));
		scoring.recompute(a, scoring.today(a));
		return card;
	}

	/** The path variable names the object of the resource the path is about. */
	private static String objectId(String pattern, String variable, String fallback) {
		if (!"externalId".equals(variable)) {
			return fallback;
		}
		if (pattern.startsWith("/api/v1/contacts")) {
			return "iso-contact";
		}
		if (pattern.startsWith("/api/v1/subscriptions")) {
			return "iso-sub";
		}
		return fallback;
	}
}
