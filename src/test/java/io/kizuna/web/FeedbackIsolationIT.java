package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.feedback.PortalLinks;
import io.kizuna.feedback.RequestDraft;
import io.kizuna.feedback.ReviewDraft;
import io.kizuna.feedback.Reviews;
import io.kizuna.feedback.VoteDraft;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Workspace A's feature request, vote and review carry a secret word: B's API token and B's signed-in CSM can neither
 * read nor change them through any feedback endpoint or page; the public portal shows an anonymous visitor only A's
 * open requests on A's portal (never who voted), refuses a vote without a valid link, a forged one, or A's link on
 * B's portal; a script in a title is shown as text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackIsolationIT {

	static final String SECRET = "ひみつ要望語";

	static final String SCRIPT = "<script>alert('x')</script>";

	@LocalServerPort
	int port;

	@Autowired
	FeatureRequests requests;

	@Autowired
	Reviews reviews;

	@Autowired
	PortalLinks links;

	@Autowired
	AccountManagement accounts;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	TestWorkspace a;

	TestWorkspace b;

	long request;

	long scripted;

	long reviewId;

	long theirs;

	@BeforeAll
	void data() {
		a = TestWorkspace.create(workspaces, people, keys, "fbiso-a", "ja");
		b = TestWorkspace.create(workspaces, people, keys, "fbiso-b", "ja");
		accounts.saveAccount(a.id(), "acme", new AccountDraft("アクメ " + SECRET, null, null, "smb", null, null, null, Map.of()));
		accounts.saveContact(a.id(), "hanako", new ContactDraft("hanako@acme.example.com", "佐藤 花子", null, "acme", null, Map.of()));
		accounts.saveAccount(b.id(), "beta", new AccountDraft("ベータ", null, null, "smb", null, null, null, Map.of()));
		request = requests.create(a.id(), new RequestDraft("要望 " + SECRET, "説明 " + SECRET, null, List.of()), "t").id();
		requests.vote(a.id(), request, new VoteDraft("acme", "hanako", "ja", "account", null, "メモ " + SECRET), "t");
		scripted = requests.create(a.id(), new RequestDraft(SCRIPT, SCRIPT, null, List.of()), "t").id();
		reviewId = reviews.save(a.id(), new ReviewDraft("g2", "iso-1", new BigDecimal("1"), "レビュー " + SECRET,
				"本文 " + SECRET, "佐藤 花子", null, LocalDate.of(2026, 11, 1), null, "ja", null)).id();
		theirs = requests.create(b.id(), new RequestDraft("Bの要望", "", null, List.of()), "t").id();
	}

	private static void noSecret(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what + " answers without a server error").isLessThan(500);
		assertThat(response.body()).as(what).doesNotContain(SECRET);
	}

	@Test
	void anotherWorkspacesTokenCanNeitherReadNorChange() {
		TestHttp http = new TestHttp(port);
		String token = b.apiToken();
		String base = "/api/v1/feedback/requests/" + request;
		for (String path : List.of(base, base + "/votes", base + "/comments", "/api/v1/feedback/reviews/" + reviewId)) {
			HttpResponse<String> response = http.get(path, token);
			noSecret(response, path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
		}
		Map<String, String> changes = Map.of("PUT " + base, "{\"title\":\"hijacked\"}", "PUT " + base + "/status",
				"{\"status\":\"shipped\"}", "PUT " + base + "/rice", "{\"impact\":1}", "POST " + base + "/merge",
				"{\"into\":" + theirs + "}", "POST " + base + "/votes", "{\"accountExternalId\":\"beta\"}",
				"POST " + base + "/comments", "{\"body\":\"x\"}", "DELETE " + base + "/votes/1", "{}",
				"PUT /api/v1/feedback/reviews/" + reviewId + "/reply", "{\"reply\":\"x\"}",
				"POST /api/v1/feedback/requests/" + theirs + "/merge", "{\"into\":" + request + "}");
		for (var change : changes.entrySet()) {
			String[] call = change.getKey().split(" ");
			HttpResponse<String> response = http.send(call[0], call[1], change.getValue(), token);
			noSecret(response, change.getKey());
			assertThat(response.statusCode()).as(change.getKey()).isEqualTo(404);
		}
		// A's account cannot vote on B's request through B's token either
		HttpResponse<String> foreignAccount = http.send("POST", "/api/v1/feedback/requests/" + theirs + "/votes",
				"{\"accountExternalId\":\"acme\"}", token);
		assertThat(foreignAccount.statusCode()).isEqualTo(404);
		for (String path : List.of("/api/v1/feedback/requests", "/api/v1/feedback/requests?sort=votes",
				"/api/v1/feedback/reviews", "/api/v1/feedback/reviews?negative=true", "/api/v1/feedback/review-ratings",
				"/api/v1/feedback/requests.csv", "/api/v1/feedback/reviews.csv", "/api/v1/feedback/request-statuses")) {
			HttpResponse<String> response = http.get(path, token);
			noSecret(response, path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
		}
		for (String path : List.of("/api/v1/feedback/requests", "/api/v1/feedback/reviews")) {
			assertThat(http.getWithoutToken(path).statusCode()).as(path + " without a token").isEqualTo(401);
		}
		assertUnchanged();
	}

	@Test
	void anotherWorkspacesCsmCanNeitherReadNorChange() {
		String csm = b.user(people, "csm", Role.CSM);
		WebSession session = WebSession.signedIn(port, csm, TestWorkspace.PASSWORD);
		String page = "/feedback/requests/" + request;
		for (String path : List.of(page, "/feedback/reviews/" + reviewId, "/feedback/requests/x")) {
			HttpResponse<String> response = session.get(path);
			noSecret(response, path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
		}
		for (var post : Map.of(page + "/votes", "account=beta", page + "/status", "status=shipped", page + "/rice",
				"impact=1", page + "/merge", "target=" + theirs, page + "/comments", "body=x", page + "/link",
				"contact=hanako", page + "/votes/1/delete", "", "/feedback/reviews/" + reviewId + "/reply", "reply=x",
				"/feedback/requests/" + theirs + "/merge", "target=" + request).entrySet()) {
			HttpResponse<String> response = session.post(post.getKey(), post.getValue());
			noSecret(response, post.getKey());
			assertThat(response.statusCode()).as(post.getKey()).isEqualTo(404);
		}
		HttpResponse<String> fromForm = session.post("/feedback/requests", "existing=" + request + "&account=beta");
		noSecret(fromForm, "vote for A's request through the new-request form");
		assertThat(fromForm.statusCode()).isEqualTo(404);
		for (String path : List.of("/feedback/requests", "/feedback/requests?sort=at_risk", "/feedback/requests/new",
				"/feedback/reviews", "/feedback/reviews?queue=negative", "/feedback/requests/export.csv",
				"/feedback/reviews/replies.csv", "/accounts/beta")) {
			HttpResponse<String> response = session.get(path);
			noSecret(response, path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
		}
		assertUnchanged();
	}

	@Test
	void theOwnWorkspaceSeesAScriptAsText() {
		WebSession session = WebSession.signedIn(port, a.adminEmail(), a.password());
		for (String path : List.of("/feedback/requests/" + scripted, "/feedback/requests", "/ideas/" + a.slug())) {
			String body = path.startsWith("/ideas") ? new TestHttp(port).get(path).body() : session.get(path).body();
			assertThat(body).as(path).doesNotContain(SCRIPT).contains("&lt;script&gt;");
		}
	}

	@Test
	void thePortalShowsOnlyThatWorkspacesRequestsAndVotesOnlyWithAValidLink() throws Exception {
		TestHttp anonymous = new TestHttp(port);
		String portalA = "/ideas/" + a.slug();
		String portalB = "/ideas/" + b.slug();
		HttpResponse<String> home = anonymous.get(portalA);
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("要望 " + SECRET).doesNotContain("アクメ").doesNotContain("佐藤 花子")
			.doesNotContain("メモ " + SECRET).doesNotContain("Bの要望");
		noSecret(anonymous.get(portalB), portalB);
		assertThat(anonymous.get("/ideas/no-such-workspace").statusCode()).isEqualTo(404);

		String token = URI.create(links.link(a.id(), "hanako", "ja")).getQuery().replaceAll(".*t=", "");
		assertThat(form(anonymous, portalA + "/requests/" + request + "/vote", "lang=ja").statusCode()).isEqualTo(403);
		assertThat(form(anonymous, portalA + "/requests/" + request + "/vote", "t=forged" + token.substring(6))
			.statusCode()).isEqualTo(403);
		assertThat(form(anonymous, portalB + "/requests/" + theirs + "/vote", "t=" + token).statusCode())
			.as("A's link on B's portal").isEqualTo(403);
		assertThat(form(anonymous, portalA + "/requests/" + theirs + "/vote", "t=" + token).statusCode())
			.as("B's request through A's portal").isEqualTo(404);
		assertThat(form(anonymous, portalB + "/requests", "t=" + token + "&title=spam").statusCode()).isEqualTo(403);
		assertThat(requests.get(b.id(), theirs).demand().votes()).isZero();
		assertThat(requests.board(b.id(), io.kizuna.feedback.BoardSort.NEWEST, null, null, null, 10, 0)).hasSize(1);

		HttpResponse<String> voted = form(anonymous, portalA + "/requests/" + scripted + "/vote", "t=" + token + "&lang=ja");
		assertThat(voted.statusCode()).isEqualTo(302);
		assertThat(requests.get(a.id(), scripted).demand().votes()).isEqualTo(1);
		assertThat(anonymous.get(portalA + "?lang=ja&t=" + token).body()).contains("佐藤 花子 様");
	}

	private HttpResponse<String> form(TestHttp http, String path, String body) {
		return http.send(HttpRequest.newBuilder(URI.create(http.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private void assertUnchanged() {
		var r = requests.get(a.id(), request);
		assertThat(r.title()).isEqualTo("要望 " + SECRET);
		assertThat(r.status()).isEqualTo("under_review");
		assertThat(r.mergedInto()).isNull();
		assertThat(r.demand().votes()).isEqualTo(1);
		assertThat(r.demand().rice()).isNull();
		assertThat(requests.comments(a.id(), request)).isEmpty();
		assertThat(reviews.get(a.id(), reviewId).reply()).isNull();
		assertThat(requests.get(b.id(), theirs).mergedInto()).isNull();
	}
}
