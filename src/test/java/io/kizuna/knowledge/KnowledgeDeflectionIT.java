package io.kizuna.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.support.PublicChannelSettings;
import io.kizuna.support.PublicChannels;
import io.kizuna.web.SupportSessions;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17 item 4, deflection joined with tickets, as anonymous visitors with their own cookies meet it: a search that
 * finds nothing and then the web form is a session that ended in a ticket; a visitor who searched two days ago and
 * writes through the form today (a new session, the same browser) did not deflect the earlier session; a visit that
 * read an article ten days ago and wrote nothing is deflected; sessions of the last seven days are still counting and
 * stay out of the rate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KnowledgeDeflectionIT {

	@LocalServerPort
	int port;

	@Autowired
	KnowledgeManagement knowledge;

	@Autowired
	PublicChannels channels;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	JdbcClient jdbc;

	/** One browser: its own cookie jar, redirects not followed (as the assertions need the 302s). */
	final class Visitor {

		final CookieManager cookies = new CookieManager();

		final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

		HttpResponse<String> get(String path) throws Exception {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String form) throws Exception {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		}

		String cookie(String name) {
			return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
				.orElseThrow().getValue();
		}

		/** The browser closed: the session cookie is gone, the visitor's stays. */
		void endSession(String slug) {
			cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("kz_visit_" + slug))
				.toList().forEach(c -> cookies.getCookieStore().remove(null, c));
		}

		/** Writes through the web form as the form's page gives it (its hidden visit id included). */
		HttpResponse<String> writeTicket(String slug, String subject) throws Exception {
			HttpResponse<String> page = get("/contact/" + slug + "?lang=ja");
			Matcher session = Pattern.compile("name=\"session\" value=\"([A-Za-z0-9_-]+)\"").matcher(page.body());
			assertThat(session.find()).isTrue();
			return post("/contact/" + slug, form("name", "佐藤 花子", "email", "hanako@acme.example.jp", "subject", subject,
					"body", "記事を読みましたが解決しませんでした。", "website", "", "session", session.group(1), "lang", "ja"));
		}
	}

	static String form(String... pairs) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			out.append(out.isEmpty() ? "" : "&").append(pairs[i]).append('=')
				.append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return out.toString();
	}

	static String q(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	long tickets(TestWorkspace ws) {
		return jdbc.sql("select count(*) from knowledge_ticket where workspace_id = ?").param(ws.id().value())
			.query(Long.class).single();
	}

	void backdate(TestWorkspace ws, String session, Duration ago) {
		jdbc.sql("update knowledge_session set started_at = now() - ? * interval '1 second', last_seen_at = now() - ? * interval '1 second' where workspace_id = ? and session_id = ?")
			.params(ago.toSeconds(), ago.toSeconds(), ws.id().value(), session).update();
		jdbc.sql("update knowledge_search set searched_at = now() - ? * interval '1 second' where workspace_id = ? and session_id = ?")
			.params(ago.toSeconds(), ws.id().value(), session).update();
	}

	@Test
	void sessionsFollowedByAFormTicketAreNotDeflected() throws Exception {
		TestWorkspace ws = TestWorkspace.create(workspaces, people, keys, "kbdefl", "ja");
		String slug = ws.slug();
		channels.save(ws.id(), new PublicChannelSettings(true, false, List.of(), true, "five", null, null));
		Article receipts = knowledge.create(ws.id(), new ArticleDraft(null, "public", List.of()), "ja",
				new TranslationDraft("領収書のダウンロード", null, null, "領収書はPDFでダウンロードできます。"), "x");
		knowledge.setStatus(ws.id(), receipts.id(), "published");
		knowledge.refreshIndex();

		// A: a search that finds nothing, then the form in the same visit
		Visitor a = new Visitor();
		assertThat(a.get("/help/" + slug + "/search?lang=ja&q=" + q("ポイント還元")).body()).contains("ポイント還元");
		assertThat(a.writeTicket(slug, "ポイント還元について").statusCode()).isEqualTo(302);

		// B: read an article ten days ago and wrote nothing: deflected
		Visitor b = new Visitor();
		b.get("/help/" + slug + "/search?lang=ja&q=" + q("領収書"));
		assertThat(b.get("/help/" + slug + "/articles/" + receipts.id() + "?lang=ja").statusCode()).isEqualTo(200);
		backdate(ws, b.cookie("kz_visit_" + slug), Duration.ofDays(10));

		// C: read it today, no ticket yet: still counting
		Visitor c = new Visitor();
		c.get("/help/" + slug + "/search?lang=ja&q=" + q("領収書"));

		// D: searched two days ago; comes back today in a new session and writes without searching again
		Visitor d = new Visitor();
		d.get("/help/" + slug + "/search?lang=ja&q=" + q("請求書 郵送"));
		String earlier = d.cookie("kz_visit_" + slug);
		backdate(ws, earlier, Duration.ofDays(2));
		d.endSession(slug);
		assertThat(d.writeTicket(slug, "請求書を郵送してほしい").statusCode()).isEqualTo(302);
		assertThat(d.cookie("kz_visit_" + slug)).as("a new session").isNotEqualTo(earlier);

		// another workspace's visitor cookie is its own: A's visitor id is not D's, nor sent to another workspace
		assertThat(a.cookie("kz_visitor_" + slug)).isNotEqualTo(d.cookie("kz_visitor_" + slug));

		await().atMost(Duration.ofSeconds(20)).until(() -> tickets(ws) == 2);
		KnowledgeAnalytics analytics = knowledge.analytics(ws.id(), ZoneId.of("Asia/Tokyo"), 30, 7, "ja");
		long sessions = analytics.sessions().stream().mapToLong(KnowledgeAnalytics.MonthSessions::sessions).sum();
		long withTicket = analytics.sessions().stream().mapToLong(KnowledgeAnalytics.MonthSessions::withTicket).sum();
		long counting = analytics.sessions().stream().mapToLong(KnowledgeAnalytics.MonthSessions::counting).sum();
		long deflected = analytics.sessions().stream().mapToLong(KnowledgeAnalytics.MonthSessions::deflected).sum();
		assertThat(sessions).as("A, B, C and D's earlier session; D's form visit searched nothing").isEqualTo(4);
		assertThat(withTicket).as("A in its own visit, D's earlier session through its visitor").isEqualTo(2);
		assertThat(counting).as("A, C and D's earlier session began less than 7 days ago").isEqualTo(3);
		assertThat(deflected).as("B").isEqualTo(1);
		assertThat(analytics.sessions()).as("the rate counts B alone, the one session no longer counting")
			.anySatisfy(m -> assertThat(m.deflectionRate()).isEqualTo(1.0))
			.allSatisfy(m -> assertThat(m.deflectionRate()).isIn(null, 1.0));
		assertThat(analytics.ticketQueries()).extracting(KnowledgeAnalytics.QueryBeforeTicket::query)
			.containsExactlyInAnyOrder("ポイント還元", "請求書 郵送");
		assertThat(analytics.ticketQueries()).allSatisfy(t -> assertThat(t.followedByTicket()).isEqualTo(1));

		// within one day, D's ticket came too late for the session two days before
		KnowledgeAnalytics oneDay = knowledge.analytics(ws.id(), ZoneId.of("Asia/Tokyo"), 30, 1, "ja");
		assertThat(oneDay.sessions().stream().mapToLong(KnowledgeAnalytics.MonthSessions::withTicket).sum()).isEqualTo(1);
		assertThat(oneDay.ticketQueries()).extracting(KnowledgeAnalytics.QueryBeforeTicket::query)
			.containsExactly("ポイント還元");

		// the page and the API say the same, and refuse a window they cannot count
		SupportSessions.Session admin = SupportSessions.signIn(port, ws.adminEmail(), ws.password());
		String page = admin.get("/knowledge/analytics").body();
		assertThat(page).contains("自己解決率", "直近7日（集計中）", "検索後にチケットが送られた語句", "請求書 郵送", "7日以内")
			.doesNotContain("??knowledge");
		TestHttp http = new TestHttp(port);
		assertThat(http.get("/api/v1/knowledge/analytics?within=7", ws.apiToken()).body())
			.contains("\"ticketQueries\"", "\"deflectionRate\"", "\"within\":7");
		assertThat(http.get("/api/v1/knowledge/analytics?within=0", ws.apiToken()).statusCode()).isEqualTo(400);
		assertThat(http.get("/api/v1/knowledge/analytics?within=91", ws.apiToken()).statusCode()).isEqualTo(400);

		// another workspace sees none of it
		TestWorkspace other = TestWorkspace.create(workspaces, people, keys, "kbdefl-other", "ja");
		assertThat(http.get("/api/v1/knowledge/analytics", other.apiToken()).body()).doesNotContain("ポイント還元");
		assertThat(a.cookies.getCookieStore().getCookies()).noneMatch(cookie -> cookie.getName().endsWith(other.slug()));
	}
}
