package io.kizuna.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The knowledge base end to end on the real database and server: versions with diff and revert, translations and the
 * portal's fallback, visibility and status, sanitised bodies, bad input, analytics, import, reindex, and two nodes
 * following one change log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeIT {

	@LocalServerPort
	int port;

	@Autowired
	KnowledgeManagement knowledge;

	@Autowired
	Articles articles;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	TestWorkspace ws;

	TestHttp http;

	@BeforeAll
	void workspace() {
		ws = TestWorkspace.create(workspaces, people, keys, "kb", "ja");
		http = new TestHttp(port);
	}

	private Article published(String language, String title, String body, String visibility) {
		Article article = knowledge.create(ws.id(), new ArticleDraft(null, visibility, List.of("billing")), language,
				new TranslationDraft(title, null, null, body), "editor@example.com");
		article = knowledge.setStatus(ws.id(), article.id(), "published");
		knowledge.refreshIndex();
		return article;
	}

	@Test
	void versionsDiffAndRevert() {
		Article article = knowledge.create(ws.id(), new ArticleDraft(null, "public", List.of()), "ja",
				new TranslationDraft("請求書の発行", null, null, "一行目\n二行目"), "a@example.com");
		knowledge.saveTranslation(ws.id(), article.id(), "ja", new TranslationDraft("請求書の発行方法", null, null,
				"一行目\n二行目を変更\n三行目"), "b@example.com");
		assertThat(knowledge.versions(ws.id(), article.id(), "ja")).extracting(ArticleVersion::version)
			.containsExactly(2, 1);
		VersionDiff diff = knowledge.diff(ws.id(), article.id(), "ja", 1, 2);
		assertThat(diff.lines()).contains(new VersionDiff.Line("removed", "二行目"),
				new VersionDiff.Line("added", "二行目を変更"), new VersionDiff.Line("added", "三行目"),
				new VersionDiff.Line("same", "一行目"));
		Article reverted = knowledge.revert(ws.id(), article.id(), "ja", 1, "c@example.com");
		assertThat(reverted.translations().get("ja").version()).isEqualTo(3);
		assertThat(reverted.translations().get("ja").title()).isEqualTo("請求書の発行");
		assertThat(knowledge.versions(ws.id(), article.id(), "ja").get(0).note()).isEqualTo("revert:1");

		HttpResponse<String> api = http.get("/api/v1/knowledge/articles/" + article.id() + "/versions/ja/diff?from=1&to=2",
				ws.apiToken());
		assertThat(api.statusCode()).isEqualTo(200);
		assertThat(api.body()).contains("三行目");
	}

	@Test
	void relatedArticlesShareTagsFirstThenTheCategoryAndArePublishedAndPublic() {
		var rel = TestWorkspace.create(workspaces, people, keys, "kbrel", "ja");
		long billing = knowledge.createCategory(rel.id(), new CategoryDraft(null, "請求", "Billing", 0)).id();
		long other = knowledge.createCategory(rel.id(), new CategoryDraft(null, "その他", "Other", 1)).id();
		java.util.function.BiFunction<ArticleDraft, String, Long> publish = (draft, title) -> {
			long id = knowledge.create(rel.id(), draft, "ja", new TranslationDraft(title, null, null, "本文"), "x").id();
			knowledge.setStatus(rel.id(), id, "published");
			return id;
		};
		long shown = publish.apply(new ArticleDraft(billing, "public", List.of("invoice", "tax")), "請求書の発行");
		long twoTags = publish.apply(new ArticleDraft(other, "public", List.of("invoice", "tax")), "消費税の表示");
		long oneTag = publish.apply(new ArticleDraft(other, "public", List.of("invoice")), "請求書の宛名");
		long sameCategory = publish.apply(new ArticleDraft(billing, "public", List.of()), "支払い方法");
		publish.apply(new ArticleDraft(billing, "internal", List.of("invoice")), "社内：請求の例外");
		knowledge.create(rel.id(), new ArticleDraft(billing, "public", List.of("invoice", "tax")), "ja",
				new TranslationDraft("下書き：請求", null, null, "本文"), "x");
		long english = knowledge.create(rel.id(), new ArticleDraft(other, "public", List.of("tax")), "en",
				new TranslationDraft("Tax on invoices", null, null, "Body"), "x").id();
		knowledge.setStatus(rel.id(), english, "published");
		publish.apply(new ArticleDraft(other, "public", List.of("unrelated")), "関係のない記事");

		Article article = knowledge.published(rel.id(), shown).orElseThrow();
		List<RelatedArticle> related = knowledge.related(rel.id(), article, true, "ja", 5);
		assertThat(related).extracting(RelatedArticle::id)
			.as("most tags in common first, then the category, then the newest")
			.containsExactly(twoTags, english, oneTag, sameCategory);
		assertThat(related).extracting(RelatedArticle::title)
			.as("an article without a ja version is named in its other language")
			.containsExactly("消費税の表示", "Tax on invoices", "請求書の宛名", "支払い方法");
		assertThat(knowledge.related(rel.id(), article, true, "ja", 2)).hasSize(2);
		assertThat(http.get("/help/" + rel.slug() + "/articles/" + shown + "?lang=ja").body())
			.contains("消費税の表示", "支払い方法").doesNotContain("社内：請求の例外", "下書き：請求", "関係のない記事");
	}

	@Test
	void translationsAndTheFallback() {
		Article article = published("ja", "二段階認証の設定", "設定画面から二段階認証を有効にします。", "public");
		String page = "/help/" + ws.slug() + "/articles/" + article.id();
		HttpResponse<String> en = http.get(page + "?lang=en");
		assertThat(en.statusCode()).isEqualTo(200);
		assertThat(en.body()).contains("二段階認証の設定").contains("id=\"fallback\"")
			.contains("rel=\"canonical\"").contains("?lang=ja");
		knowledge.saveTranslation(ws.id(), article.id(), "en", new TranslationDraft("Two-factor authentication",
				"two-factor", "Turn on two-factor authentication.", "Turn it on in the settings."), "e@example.com");
		knowledge.refreshIndex();
		HttpResponse<String> translated = http.get(page + "/two-factor?lang=en");
		assertThat(translated.body()).contains("Two-factor authentication").doesNotContain("id=\"fallback\"")
			.contains("Turn on two-factor authentication.").contains("hreflang=\"ja\"");
		assertThat(http.get(page + "?lang=ja").body()).contains("二段階認証の設定").doesNotContain("id=\"fallback\"");
		assertThat(knowledge.search(ws.id(), "authentication", Audience.PUBLIC, null, 10).hits())
			.extracting(SearchResults.Hit::articleId).contains(article.id());
		assertThatThrownBy(() -> knowledge.deleteTranslation(ws.id(), article.id(), "fr"))
			.isInstanceOf(NotFoundException.class);
		assertThat(http.get("/help/" + ws.slug() + "/sitemap.xml").body())
			.contains("/help/" + ws.slug() + "/articles/" + article.id() + "?lang=en");
	}

	@Test
	void visibilityAndStatus() {
		Article internal = published("ja", "社内手順：返金の承認", "返金は上長の承認が必要です。", "internal");
		Article draft = knowledge.create(ws.id(), new ArticleDraft(null, "public", List.of()), "ja",
				new TranslationDraft("下書きの返金記事", null, null, "返金の下書き"), "x@example.com");
		knowledge.refreshIndex();
		assertThat(knowledge.search(ws.id(), "返金", Audience.PUBLIC, null, 10).hits()).isEmpty();
		assertThat(knowledge.search(ws.id(), "返金", Audience.AGENT, null, 10).hits())
			.extracting(SearchResults.Hit::articleId).containsExactly(internal.id());
		assertThat(http.get("/help/" + ws.slug() + "/articles/" + internal.id()).statusCode()).isEqualTo(404);
		assertThat(http.get("/help/" + ws.slug() + "/articles/" + draft.id()).statusCode()).isEqualTo(404);
		Article archived = published("ja", "古い返金ポリシー", "返金ポリシー（旧）", "public");
		assertThat(knowledge.search(ws.id(), "ポリシー", Audience.PUBLIC, null, 10).hits()).hasSize(1);
		knowledge.setStatus(ws.id(), archived.id(), "archived");
		knowledge.refreshIndex();
		assertThat(knowledge.search(ws.id(), "ポリシー", Audience.PUBLIC, null, 10).hits()).isEmpty();
		assertThat(http.get("/help/" + ws.slug() + "/articles/" + archived.id()).statusCode()).isEqualTo(404);
	}

	@Test
	void bodiesAreSanitised() {
		Article article = published("en", "Sanitised", """
				Hello <script>alert(1)</script> [click](javascript:alert(2))
				<svg onload="alert(3)"><script>alert(4)</script></svg>
				<img src="x" onerror="alert(5)"> <iframe src="https://evil.example"></iframe>

				| a | b |
				|---|---|
				| 1 | 2 |
				""", "public");
		String body = http.get("/help/" + ws.slug() + "/articles/" + article.id() + "?lang=en").body();
		String shown = body.substring(body.indexOf("id=\"article-body\""), body.indexOf("id=\"feedback\""));
		assertThat(shown).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("<svg")
			.doesNotContain("onerror").doesNotContain("<iframe").doesNotContain("onload").contains("<table>");
	}

	@Test
	void badInputIsRefusedWithAReason() {
		assertThatThrownBy(() -> knowledge.create(ws.id(), new ArticleDraft(null, "public", List.of()), "ja",
				new TranslationDraft("", null, null, "x"), "x")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> knowledge.create(ws.id(), new ArticleDraft(null, "public", List.of()), "ja",
				new TranslationDraft("big", null, null, "あ".repeat(5_000_000)), "x"))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).errors()).anyMatch(e -> e.startsWith("body")));
		HttpResponse<String> created = http.send("POST", "/api/v1/knowledge/articles",
				"{\"language\":\"xx\",\"title\":\"t\",\"body\":\"b\"}", ws.apiToken());
		assertThat(created.statusCode()).isEqualTo(400);
		assertThat(created.body()).contains("language");
		for (String query : List.of("title:*", "AND (", "\"unpaired", "解約 OR *:*")) {
			String encoded = java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
			assertThat(http.get("/api/v1/knowledge/search?q=" + encoded, ws.apiToken()).statusCode()).as(query)
				.isEqualTo(200);
			assertThat(http.get("/help/" + ws.slug() + "/search?q=" + encoded).statusCode()).as(query).isEqualTo(200);
		}
		String long10k = "x".repeat(10_000);
		HttpResponse<String> posted = http.send("POST", "/api/v1/knowledge/search", "{\"q\":\"" + long10k + "\"}",
				ws.apiToken());
		assertThat(posted.statusCode()).isEqualTo(200);
		assertThat(posted.body()).contains("\"query\":\"" + "x".repeat(200) + "\"");
		// in an address, 10,000 characters exceed the server's request-line limit: refused, never a server error
		assertThat(http.get("/help/" + ws.slug() + "/search?q=" + long10k).statusCode()).isLessThan(500);
	}

	@Test
	void analyticsCountSearchesGapsClicksViewsAndRatings() {
		var other = TestWorkspace.create(workspaces, people, keys, "kba", "ja");
		Article article = knowledge.create(other.id(), new ArticleDraft(null, "public", List.of()), "ja",
				new TranslationDraft("領収書のダウンロード", null, null, "領収書はPDFでダウンロードできます。"), "x");
		knowledge.setStatus(other.id(), article.id(), "published");
		knowledge.refreshIndex();
		SearchResults first = knowledge.search(other.id(), "領収書", Audience.PUBLIC, "visitor-0001", 10);
		knowledge.search(other.id(), "領収書", Audience.PUBLIC, "visitor-0002", 10);
		knowledge.search(other.id(), "ポイント還元", Audience.PUBLIC, "visitor-0002", 10);
		knowledge.search(other.id(), "ポイント還元", Audience.PUBLIC, "visitor-0003", 10);
		assertThat(first.hits()).hasSize(1);
		// the visitor opens the result from the search page: a click and a view
		assertThat(http.get("/help/" + other.slug() + "/articles/" + article.id() + "?from=" + first.searchId())
			.statusCode()).isEqualTo(200);
		HttpResponse<String> rated = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(http.url("/help/" + other.slug() + "/articles/" + article.id() + "/feedback")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("helpful=no&reason=outdated&comment=%E5%8F%A4%E3%81%84")));
		assertThat(rated.statusCode()).isEqualTo(302);
		knowledge.rate(other.id(), article.id(), "ja", new Feedback(true, "solved", null), null);

		KnowledgeAnalytics analytics = knowledge.analytics(other.id(), ZoneId.of("Asia/Tokyo"), 30, "ja");
		assertThat(analytics.topQueries()).first().satisfies(q -> {
			assertThat(q.query()).isEqualTo("領収書");
			assertThat(q.searches()).isEqualTo(2);
			assertThat(q.clicks()).isEqualTo(1);
			assertThat(q.clickThrough()).isEqualTo(0.5);
		});
		assertThat(analytics.gaps()).singleElement().satisfies(gap -> {
			assertThat(gap.query()).isEqualTo("ポイント還元");
			assertThat(gap.searches()).isEqualTo(2);
			assertThat(gap.lastSeen()).isNotNull();
		});
		assertThat(analytics.articles()).first().satisfies(a -> {
			assertThat(a.articleId()).isEqualTo(article.id());
			assertThat(a.views()).isEqualTo(1);
			assertThat(a.helpful()).isEqualTo(1);
			assertThat(a.notHelpful()).isEqualTo(1);
		});
		assertThat(analytics.sessions()).singleElement().satisfies(m -> assertThat(m.sessions()).isEqualTo(4));
		assertThatThrownBy(() -> knowledge.rate(other.id(), article.id(), "ja", new Feedback(true, "bogus", null), null))
			.isInstanceOf(InvalidInputException.class);
		assertThat(http.get("/api/v1/knowledge/analytics?days=30", other.apiToken()).body()).contains("ポイント還元");
	}

	@Test
	void importExportAndReindex() {
		var other = TestWorkspace.create(workspaces, people, keys, "kbi", "en");
		List<Long> csv = knowledge.importFile(other.id(), "faq.csv", """
				title,body,category
				Reset a password,"Open **Settings**, then Security.",Account
				Change the plan,Plans are changed by admins.,Billing
				Close the account,Write to support.,Account
				""", "en", "public", "import");
		assertThat(csv).hasSize(3);
		assertThat(knowledge.categories(other.id())).extracting(c -> c.name("en")).containsExactlyInAnyOrder("Account",
				"Billing");
		List<Long> md = knowledge.importFile(other.id(), "guide.md", "# Exporting data\n\nUse the export button.", "en",
				"public", "import");
		List<Long> html = knowledge.importFile(other.id(), "page.html",
				"<html><head><title>Webhooks</title></head><body><p>Sign every call.</p><script>x()</script></body></html>",
				"en", "public", "import");
		assertThat(knowledge.get(other.id(), md.get(0)).title("en")).isEqualTo("Exporting data");
		assertThat(knowledge.get(other.id(), html.get(0)).in("en").orElseThrow().body()).doesNotContain("script")
			.contains("Sign every call.");
		assertThatThrownBy(() -> knowledge.importFile(other.id(), "x.csv", "name,text\na,b\n", "en", "public", "i"))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> knowledge.importFile(other.id(), "x.exe", "MZ", "en", "public", "i"))
			.isInstanceOf(InvalidInputException.class);
		for (long id : csv) {
			knowledge.setStatus(other.id(), id, "published");
		}
		assertThat(knowledge.export(other.id())).hasSize(5);
		assertThat(http.get("/api/v1/knowledge/export", other.apiToken()).body()).contains("Reset a password");

		long[] progress = { 0 };
		long indexed = knowledge.reindex(done -> progress[0] = done);
		assertThat(indexed).isGreaterThanOrEqualTo(3);
		assertThat(progress[0]).isEqualTo(indexed);
		assertThat(knowledge.search(other.id(), "passwords", Audience.PUBLIC, null, 10).hits())
			.extracting(SearchResults.Hit::title).containsExactly("Reset a password");
	}

	@Test
	void aSecondNodeFollowsTheChangeLog() throws Exception {
		Path directory = Files.createTempDirectory("kizuna-node-2");
		KnowledgeIndex second = new KnowledgeIndex(articles, directory, Duration.ofMillis(200), true);
		second.start();
		try {
			Article article = published("ja", "ノード間の同期テスト記事", "別ノードの索引にも届きます。", "public");
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (second.search(ws.id().value(), "同期テスト", true, 10).hits().isEmpty()
					&& System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertThat(second.search(ws.id().value(), "同期テスト", true, 10).hits())
				.extracting(SearchIndex.Hit::articleId).containsExactly(article.id());
			knowledge.setStatus(ws.id(), article.id(), "archived");
			while (!second.search(ws.id().value(), "同期テスト", true, 10).hits().isEmpty()
					&& System.nanoTime() < deadline + Duration.ofSeconds(15).toNanos()) {
				Thread.sleep(100);
			}
			assertThat(second.search(ws.id().value(), "同期テスト", true, 10).hits()).isEmpty();
		}
		finally {
			second.stop();
		}
		// restarted on its kept directory, the node catches up from where it stopped
		KnowledgeIndex again = new KnowledgeIndex(articles, directory, Duration.ofSeconds(60), true);
		again.start();
		try {
			assertThat(again.applied()).isEqualTo(articles.lastChange());
		}
		finally {
			again.stop();
		}
	}

	@Test
	void thePrunedChangeLogStillGivesANewNodeACorrectIndexAndAnOldOneRebuilds() throws Exception {
		Path oldDirectory = Files.createTempDirectory("kizuna-node-old");
		KnowledgeIndex old = new KnowledgeIndex(articles, oldDirectory, Duration.ofSeconds(60), true);
		old.start();
		old.stop();
		Article kept = published("ja", "剪定後も見つかる記事", "変更履歴を消しても索引は正しい。", "public");
		Article gone = published("ja", "剪定前に取り下げた記事", "この記事は取り下げます。", "public");
		knowledge.setStatus(ws.id(), gone.id(), "archived");
		knowledge.refreshIndex();
		long before = articles.changeCount();
		assertThat(articles.prune(Duration.ofDays(1), Duration.ZERO)).isPositive();
		assertThat(articles.changeCount()).isLessThan(before).isPositive();
		// the newest change stays: it is what a node's index is compared with to tell another database
		assertThat(articles.lastChange()).isGreaterThan(articles.prunedThrough());
		for (Path directory : List.of(Files.createTempDirectory("kizuna-node-new"), oldDirectory)) {
			KnowledgeIndex node = new KnowledgeIndex(articles, directory, Duration.ofSeconds(60), true);
			node.start();
			try {
				assertThat(node.search(ws.id().value(), "剪定後も見つかる記事", true, 10).hits())
					.extracting(SearchIndex.Hit::articleId).contains(kept.id());
				assertThat(node.search(ws.id().value(), "取り下げた記事", true, 10).hits())
					.extracting(SearchIndex.Hit::articleId).doesNotContain(gone.id());
				assertThat(node.applied()).isEqualTo(articles.lastChange());
			}
			finally {
				node.stop();
			}
		}
	}
}
