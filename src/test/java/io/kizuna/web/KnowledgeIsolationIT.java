package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.knowledge.Article;
import io.kizuna.knowledge.ArticleDraft;
import io.kizuna.knowledge.KnowledgeManagement;
import io.kizuna.knowledge.TranslationDraft;
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
 * Workspace A's articles (a published public one, a published internal one, a draft), each carrying a secret word:
 * workspace B's API token and B's signed-in editor can neither read nor change them through any knowledge endpoint or
 * page, and an anonymous visitor sees on A's help center only A's published public article — never B's, never an
 * internal one, never a draft — and on B's help center nothing of A.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeIsolationIT {

	static final String PUBLIC_WORD = "ひみつ公開語";

	static final String INTERNAL_WORD = "ないぶ秘密語";

	static final String DRAFT_WORD = "したがき秘密語";

	@LocalServerPort
	int port;

	@Autowired
	KnowledgeManagement knowledge;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	TestWorkspace a;

	TestWorkspace b;

	Article published;

	Article internal;

	Article draft;

	Article ofB;

	@BeforeAll
	void articles() {
		a = TestWorkspace.create(workspaces, people, keys, "kiso-a", "ja");
		b = TestWorkspace.create(workspaces, people, keys, "kiso-b", "ja");
		published = article(a, "公開記事 " + PUBLIC_WORD, "秘文 " + PUBLIC_WORD, "public", true);
		internal = article(a, "社内記事 " + INTERNAL_WORD, "秘文 " + INTERNAL_WORD, "internal", true);
		draft = article(a, "下書き " + DRAFT_WORD, "秘文 " + DRAFT_WORD, "public", false);
		ofB = article(b, "Bの記事", "Bのテキスト", "public", true);
		knowledge.refreshIndex();
	}

	private Article article(TestWorkspace ws, String title, String body, String visibility, boolean publish) {
		Article article = knowledge.create(ws.id(), new ArticleDraft(null, visibility, List.of("iso")), "ja",
				new TranslationDraft(title, null, null, body), "iso");
		return publish ? knowledge.setStatus(ws.id(), article.id(), "published") : article;
	}

	private static void noSecret(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what + " answers without a server error").isLessThan(500);
		// A's titles and bodies; a search page may echo the query (a word of A's), so the words alone are not checked
		assertThat(response.body()).as(what).doesNotContain("公開記事 " + PUBLIC_WORD)
			.doesNotContain("社内記事 " + INTERNAL_WORD).doesNotContain("下書き " + DRAFT_WORD).doesNotContain("秘文");
	}

	@Test
	void anotherWorkspacesTokenCanNeitherReadNorChange() {
		TestHttp http = new TestHttp(port);
		String token = b.apiToken();
		for (Article article : List.of(published, internal, draft)) {
			String base = "/api/v1/knowledge/articles/" + article.id();
			for (String path : List.of(base, base + "/versions/ja", base + "/versions/ja/diff?from=1&to=1")) {
				HttpResponse<String> response = http.get(path, token);
				noSecret(response, path);
				assertThat(response.statusCode()).as(path).isEqualTo(404);
			}
			Map<String, String> changes = Map.of("PUT " + base, "{\"visibility\":\"public\"}",
					"PUT " + base + "/translations/ja", "{\"title\":\"hijacked\",\"body\":\"x\"}",
					"PUT " + base + "/status", "{\"status\":\"published\"}",
					"POST " + base + "/versions/ja/1/revert", "{}", "DELETE " + base + "/translations/ja", "{}",
					"DELETE " + base, "{}");
			for (var change : changes.entrySet()) {
				String[] call = change.getKey().split(" ");
				HttpResponse<String> response = http.send(call[0], call[1], change.getValue(), token);
				noSecret(response, change.getKey());
				assertThat(response.statusCode()).as(change.getKey()).isEqualTo(404);
			}
		}
		for (String path : List.of("/api/v1/knowledge/articles", "/api/v1/knowledge/export",
				"/api/v1/knowledge/categories", "/api/v1/knowledge/analytics",
				"/api/v1/knowledge/search?q=" + enc(PUBLIC_WORD), "/api/v1/knowledge/search?q=" + enc(INTERNAL_WORD))) {
			HttpResponse<String> response = http.get(path, token);
			noSecret(response, path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
		}
		assertUnchanged();
	}

	@Test
	void anotherWorkspacesEditorCanNeitherReadNorChange() {
		String editor = b.user(people, "editor", Role.SUPPORT);
		WebSession session = WebSession.signedIn(port, editor, TestWorkspace.PASSWORD);
		for (Article article : List.of(published, internal, draft)) {
			String page = "/knowledge/" + article.id();
			for (String path : List.of(page, page + "?lang=en", page + "?diff=1")) {
				HttpResponse<String> response = session.get(path);
				noSecret(response, path);
				assertThat(response.statusCode()).as(path).isEqualTo(404);
			}
			for (var post : Map.of(page, "language=ja&title=hijacked&body=x&visibility=public", page + "/status",
					"status=archived", page + "/revert", "lang=ja&version=1").entrySet()) {
				HttpResponse<String> response = session.post(post.getKey(), post.getValue());
				noSecret(response, post.getKey());
				assertThat(response.statusCode()).as(post.getKey()).isEqualTo(404);
			}
		}
		for (String page : List.of("/knowledge", "/knowledge?q=" + enc(PUBLIC_WORD), "/knowledge?q=" + enc(INTERNAL_WORD),
				"/knowledge/analytics", "/knowledge/new")) {
			HttpResponse<String> response = session.get(page);
			noSecret(response, page);
			assertThat(response.statusCode()).as(page).isEqualTo(200);
		}
		assertUnchanged();
	}

	@Test
	void anAnonymousVisitorSeesOnlyPublishedPublicArticlesOfThatWorkspace() {
		TestHttp anonymous = new TestHttp(port);
		String helpA = "/help/" + a.slug();
		String helpB = "/help/" + b.slug();
		assertThat(anonymous.get(helpA + "/articles/" + published.id()).body()).contains(PUBLIC_WORD);
		for (String path : List.of(helpA + "/articles/" + internal.id(), helpA + "/articles/" + draft.id(),
				helpA + "/articles/" + ofB.id(), helpB + "/articles/" + published.id(),
				helpB + "/articles/" + internal.id(), helpB + "/articles/" + draft.id(), "/help/no-such-workspace",
				helpA + "/articles/x", helpA + "?category=999999999")) {
			HttpResponse<String> response = anonymous.get(path);
			noSecret(response, path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
		}
		HttpResponse<String> home = anonymous.get(helpA);
		assertThat(home.body()).contains(PUBLIC_WORD).doesNotContain(INTERNAL_WORD).doesNotContain(DRAFT_WORD)
			.doesNotContain("Bの記事");
		assertThat(anonymous.get(helpA + "/search?q=" + enc(PUBLIC_WORD)).body()).contains(PUBLIC_WORD);
		for (String query : List.of(INTERNAL_WORD, DRAFT_WORD, "社内記事", "下書き", "Bの記事")) {
			HttpResponse<String> response = anonymous.get(helpA + "/search?q=" + enc(query));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).as(query).doesNotContain("/articles/" + internal.id())
				.doesNotContain("/articles/" + draft.id()).doesNotContain("/articles/" + ofB.id())
				.doesNotContain("社内記事 " + INTERNAL_WORD).doesNotContain("Bのテキスト");
		}
		noSecret(anonymous.get(helpB), helpB);
		noSecret(anonymous.get(helpB + "/search?q=" + enc(PUBLIC_WORD)), "B's search");
		noSecret(anonymous.get(helpB + "/sitemap.xml"), "B's sitemap");
		String sitemap = anonymous.get(helpA + "/sitemap.xml").body();
		assertThat(sitemap).contains("/articles/" + published.id() + "?")
			.doesNotContain("/articles/" + internal.id() + "?").doesNotContain("/articles/" + draft.id() + "?");
		// ratings go only to the workspace's own published public articles
		for (String path : List.of(helpB + "/articles/" + published.id() + "/feedback",
				helpA + "/articles/" + internal.id() + "/feedback", helpA + "/articles/" + draft.id() + "/feedback")) {
			HttpResponse<String> response = anonymous.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(anonymous.url(path)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("helpful=yes")));
			assertThat(response.statusCode()).as(path).isEqualTo(404);
		}
		assertThat(knowledge.analytics(a.id(), java.time.ZoneId.of("Asia/Tokyo"), 30, "ja").articles())
			.allSatisfy(stats -> assertThat(stats.helpful()).isZero());
	}

	private void assertUnchanged() {
		assertThat(knowledge.get(a.id(), published.id()).status()).isEqualTo("published");
		assertThat(knowledge.get(a.id(), internal.id()).visibility()).isEqualTo("internal");
		assertThat(knowledge.get(a.id(), draft.id()).status()).isEqualTo("draft");
		for (Article article : List.of(published, internal, draft)) {
			assertThat(knowledge.get(a.id(), article.id()).translations().get("ja").version()).isEqualTo(1);
		}
	}

	private static String enc(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}
}
