package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.web.SupportSessions;
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
 * Notes written on an account are analysed after commit; the terms, drill-down, search, alerts and the API answer
 * from them; bad input is stored without stopping the batch; another workspace and an anonymous visitor see nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextAnalyticsIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	TextAnalytics analytics;

	TestWorkspace a;

	TestWorkspace b;

	long accountId;

	@BeforeAll
	void setUp() throws InterruptedException {
		a = TestWorkspace.create(workspaces, people, keys, "textit-a", "ja");
		b = TestWorkspace.create(workspaces, people, keys, "textit-b", "en");
		accounts.saveAccount(a.id(), "acme", AccountDraft.named("Acme"));
		accountId = accounts.accountIds(a.id(), List.of("acme")).get("acme");
		accounts.addNote(a.id(), "acme", "csm", "請求書発行の画面が使いやすくない。<b>改善</b>してほしい");
		accounts.addNote(a.id(), "acme", "csm", "請求書発行でエラーが出て困っています");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (analytics.search(a.id(), "請求書", 10).size() < 2 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

	private TermQuery lastDays(int days) {
		return new TermQuery(null, analytics.today(a.id()).minusDays(days - 1), analytics.today(a.id()), null);
	}

	@Test
	void notesAreAnalysedAfterCommitWithTheirTermsAndSentiment() {
		List<TermRow> terms = analytics.terms(a.id(), lastDays(30), 20);
		assertThat(terms).extracting(TermRow::term).contains("請求書発行");
		List<Verbatim> verbatims = analytics.verbatims(a.id(), "請求書発行", lastDays(30), 10);
		assertThat(verbatims).hasSize(2).allMatch(v -> v.sentiment().equals("negative"))
			.allMatch(v -> "acme".equals(v.accountExternalId()) && v.link().equals("/accounts/acme"));
		assertThat(verbatims.get(0).parts()).anyMatch(p -> p.hit() && p.text().equals("請求書発行"));
		// HTML remnants are read as their text
		assertThat(verbatims).anyMatch(v -> v.parts().stream().map(Verbatim.Part::text).reduce("", String::concat)
			.contains("改善してほしい"));
		// this week holds the two complaints (other tests of the class add neutral texts to earlier weeks)
		assertThat(analytics.accountSentiment(a.id(), accountId, 4)).isNotEmpty().last()
			.satisfies(p -> assertThat(p.meanScore()).isNegative());
	}

	@Test
	void badInputIsStoredWithoutStoppingTheBatch() {
		List<CustomerText> texts = new ArrayList<>();
		String[] bodies = { "", "x".repeat(1_000_000), "🙂🙂🙂", "Nous ne pouvons plus nous connecter depuis hier soir",
				"制御\u0000文字\u0007とログイン障害", "<script>alert(1)</script>ログインの件" };
		for (int i = 0; i < bodies.length; i++) {
			texts.add(new CustomerText(a.id(), "note", "bad-" + i, new AccountId(accountId), bodies[i], Instant.now(), "/accounts/acme"));
		}
		assertThat(analytics.analyse(a.id(), texts)).isEqualTo(bodies.length);
		List<Verbatim> found = analytics.search(a.id(), "ログイン", 10);
		assertThat(found).anyMatch(v -> v.parts().stream().noneMatch(p -> p.text().contains("\u0000")));
		assertThat(found).noneMatch(v -> v.parts().stream().anyMatch(p -> p.text().contains("<script>")));
	}

	@Test
	void aFloodOfTheSameMessageIsAnalysedAndMakesNoTopic() {
		// every text with the same terms weighs nothing for topics (found when 1,000 identical mails came in at once)
		TestWorkspace same = TestWorkspace.create(workspaces, people, keys, "textit-same", "ja");
		List<CustomerText> texts = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			texts.add(new CustomerText(same.id(), "note", "same-" + i, null, "ログインできません。①画面が真っ白です。",
					Instant.now(), "/support"));
		}
		assertThat(analytics.analyse(same.id(), texts)).isEqualTo(40);
		assertThat(analytics.recomputeTopics(same.id())).isEmpty();
		assertThat(analytics.search(same.id(), "ログイン", 50)).hasSize(40);
	}

	@Test
	void aSpikeOfATermRaisesAnAlertWithItsAccounts() {
		List<CustomerText> texts = new ArrayList<>();
		Instant now = Instant.now();
		for (int day = 8; day < 56; day += 4) {
			texts.add(new CustomerText(a.id(), "note", "base-" + day, new AccountId(accountId), "ダッシュボードの表示について",
					now.minus(Duration.ofDays(day)), null));
		}
		for (int i = 0; i < 12; i++) {
			texts.add(new CustomerText(a.id(), "note", "spike-" + i, new AccountId(accountId), "リリース後にダッシュボードの表示が遅い",
					now.minus(Duration.ofHours(i * 5)), null));
		}
		analytics.analyse(a.id(), texts);
		List<RisingIssue> alerts = analytics.alerts(a.id(), 20);
		// one spike, one issue: named by its most unusual term (リリース後, new this week), ダッシュボード rose with it
		assertThat(alerts).filteredOn(r -> r.term().equals("ダッシュボード") || r.related().contains("ダッシュボード"))
			.singleElement()
			.satisfies(r -> assertThat(r.accountExternalIds()).contains("acme"))
			.satisfies(r -> assertThat(r.recent()).isGreaterThanOrEqualTo(12))
			.satisfies(r -> assertThat(java.util.stream.Stream.concat(java.util.stream.Stream.of(r.term()), r.related().stream()))
				.contains("リリース後", "ダッシュボード"));
		assertThat(alerts).noneMatch(r -> r.term().equals("請求書発行"));
	}

	@Test
	void accountsThatSoundNegativeOnAverageAreListedWithTheirToneBefore() {
		accounts.saveAccount(a.id(), "globex", AccountDraft.named("Globex"));
		accounts.saveAccount(a.id(), "initech", AccountDraft.named("Initech"));
		accounts.saveAccount(a.id(), "umbrella", AccountDraft.named("Umbrella"));
		var ids = accounts.accountIds(a.id(), List.of("globex", "initech", "umbrella"));
		Instant now = Instant.now();
		List<CustomerText> texts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			texts.add(new CustomerText(a.id(), "note", "globex-now-" + i, new AccountId(ids.get("globex")),
					"サポートの返事が遅くて本当に不満です。解約も考えています", now.minus(Duration.ofDays(i)), null));
			texts.add(new CustomerText(a.id(), "note", "umbrella-now-" + i, new AccountId(ids.get("umbrella")),
					"とても使いやすくて満足しています", now.minus(Duration.ofDays(i)), null));
		}
		for (int i = 0; i < 2; i++) {
			texts.add(new CustomerText(a.id(), "note", "globex-before-" + i, new AccountId(ids.get("globex")),
					"とても使いやすくて満足しています", now.minus(Duration.ofDays(60 + i)), null));
		}
		// one complaint is not a tone
		texts.add(new CustomerText(a.id(), "note", "initech-now", new AccountId(ids.get("initech")),
				"サポートの返事が遅くて本当に不満です", now, null));
		analytics.analyse(a.id(), texts);

		List<UnhappyAccount> unhappy = analytics.unhappyAccounts(a.id(), lastDays(30), 20);
		assertThat(unhappy).extracting(UnhappyAccount::externalId).contains("globex").doesNotContain("initech", "umbrella");
		UnhappyAccount globex = unhappy.stream().filter(u -> u.externalId().equals("globex")).findFirst().orElseThrow();
		assertThat(globex.name()).isEqualTo("Globex");
		assertThat(globex.texts()).isEqualTo(3);
		assertThat(globex.meanScore()).isLessThanOrEqualTo(-Sentiments.THRESHOLD);
		assertThat(globex.meanBefore()).isPositive();
		assertThat(globex.worse()).isTrue();
		// most negative first
		assertThat(unhappy).isSortedAccordingTo(java.util.Comparator.comparingDouble(UnhappyAccount::meanScore));
		// paged: one row a page, the total of the whole list
		var first = analytics.unhappyAccounts(a.id(), lastDays(30), 0, 1);
		assertThat(first.items()).hasSize(1);
		assertThat(first.total()).isEqualTo(unhappy.size());
		assertThat(analytics.unhappyAccounts(a.id(), lastDays(30), unhappy.size(), 1).items()).isEmpty();
		// the filters apply: the account filter and the source (these are notes, not reviews)
		assertThat(analytics.unhappyAccounts(a.id(), new TermQuery(null, lastDays(30).from(), lastDays(30).to(),
				java.util.Set.of(ids.get("umbrella"))), 20)).isEmpty();
		assertThat(analytics.unhappyAccounts(a.id(), new TermQuery("review", lastDays(30).from(), lastDays(30).to(), null), 20))
			.isEmpty();
		assertThat(analytics.unhappyAccounts(a.id(), new TermQuery("note", lastDays(30).from(), lastDays(30).to(), null), 20))
			.extracting(UnhappyAccount::externalId).contains("globex");

		SupportSessions.Session own = SupportSessions.signIn(port, a.adminEmail(), a.password());
		String page = own.get("/text").body();
		assertThat(page).contains("不満がうかがえるアカウント").contains("href=\"/accounts/globex\"").contains("以前より悪化")
			.contains("1 / 1 ページ").doesNotContain("unhappy-next");
		assertThat(own.get("/text?unhappyPage=-1").statusCode()).isEqualTo(400);
		assertThat(new TestHttp(port).get("/api/v1/text/sentiment/unhappy", a.apiToken()).body()).contains("\"globex\"")
			.doesNotContain("umbrella");
	}

	@Test
	void anotherWorkspaceAndAnonymousVisitorsSeeNothing() {
		TestHttp http = new TestHttp(port);
		for (String path : List.of("/api/v1/text/terms", "/api/v1/text/terms/verbatims?term=%E8%AB%8B%E6%B1%82%E6%9B%B8%E7%99%BA%E8%A1%8C",
				"/api/v1/text/topics", "/api/v1/text/alerts", "/api/v1/text/sentiment/unhappy", "/api/v1/text/search?q=%E8%AB%8B%E6%B1%82%E6%9B%B8")) {
			HttpResponse<String> foreign = http.get(path, b.apiToken());
			assertThat(foreign.statusCode()).as(path).isEqualTo(200);
			// the query itself may be echoed; A's texts and accounts may not
			assertThat(foreign.body()).as(path).doesNotContain("使いやすくない").doesNotContain("エラーが出て")
				.doesNotContain("acme");
			assertThat(http.getWithoutToken(path).statusCode()).as(path).isEqualTo(401);
			assertThat(http.get(path, a.apiToken()).statusCode()).as(path).isEqualTo(200);
		}
		assertThat(http.get("/api/v1/text/sentiment?account=acme", b.apiToken()).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/text/terms", a.apiToken()).body()).contains("請求書発行");
		assertThat(http.get("/api/v1/text/terms", b.apiToken()).body()).doesNotContain("請求書発行");
		SupportSessions.Session session = SupportSessions.signIn(port, b.adminEmail(), b.password());
		for (String path : List.of("/text", "/text/term?term=%E8%AB%8B%E6%B1%82%E6%9B%B8%E7%99%BA%E8%A1%8C",
				"/text/search?q=%E8%AB%8B%E6%B1%82%E6%9B%B8", "/text/settings")) {
			HttpResponse<String> page = session.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.body()).as(path).doesNotContain("使いやすくない").doesNotContain("エラーが出て");
			assertThat(new TestHttp(port).getWithoutToken(path).statusCode()).as(path).isIn(302, 401);
		}
		SupportSessions.Session own = SupportSessions.signIn(port, a.adminEmail(), a.password());
		HttpResponse<String> drill = own.get("/text/term?term=%E8%AB%8B%E6%B1%82%E6%9B%B8%E7%99%BA%E8%A1%8C");
		assertThat(drill.body()).contains("<mark>請求書発行</mark>").contains("エラーが出て").doesNotContain("<b>改善");
	}
}
