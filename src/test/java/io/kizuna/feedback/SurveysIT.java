package io.kizuna.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.health.HealthMeasure;
import io.kizuna.health.ScoringInput;
import io.kizuna.health.SignalInput;
import io.kizuna.health.SignalRule;
import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportReport;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.playbooks.PlaybookDraft;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Surveys end to end against the real database: the score arithmetic on hand-computed cases (through the CSV import
 * of past responses, bad rows reported by line), the fatigue rules, hand-off and reminders through the outbox,
 * token misuse on the public page, the health measures, the detractor signal and its playbook with the follow-up
 * linked back, and isolation from another workspace and from anonymous visitors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveysIT {

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
	SurveyManagement surveys;

	@Autowired
	SurveyAnswers answers;

	@Autowired
	SurveyReports reports;

	@Autowired
	SurveyDelivery delivery;

	@Autowired
	OutboundMail mail;

	@Autowired
	CsvImport imports;

	@Autowired
	PlaybookManagement playbooks;

	@Autowired
	TaskManagement tasks;

	@Autowired
	List<HealthMeasure> measures;

	@Autowired
	List<SignalRule> rules;

	@Autowired
	JdbcClient jdbc;

	TestWorkspace a;

	TestWorkspace b;

	@BeforeAll
	void setUp() {
		a = TestWorkspace.create(workspaces, people, keys, "survey-a", "ja");
		b = TestWorkspace.create(workspaces, people, keys, "survey-b", "en");
		for (String acc : List.of("acme", "beta", "gamma")) {
			accounts.saveAccount(a.id(), acc, AccountDraft.named(acc + " 株式会社"));
		}
		for (int i = 0; i < 10; i++) {
			accounts.saveContact(a.id(), "u" + i, new ContactDraft("u" + i + "@" + a.slug() + ".test", "利用者 " + i, null,
					i < 4 ? "acme" : i < 7 ? "beta" : "gamma", null, Map.of()));
		}
		accounts.saveContact(a.id(), "nomail", new ContactDraft(null, "メールなし", null, "acme", null, Map.of()));
		accounts.saveAccount(b.id(), "b-acc", AccountDraft.named("B"));
		accounts.saveContact(b.id(), "bu", new ContactDraft("bu@" + b.slug() + ".test", "B user", null, "b-acc", null, Map.of()));
	}

	private Survey survey(WorkspaceId ws, String kind, String name) {
		return surveys.create(ws, new SurveyDraft(kind, name, "ja", null, null, null, null, null, null, null));
	}

	private ImportReport importCsv(WorkspaceId ws, String csv) {
		return imports.importCsv(ws, "survey_responses", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
				"UTF-8", null);
	}

	private static String rows(long survey, String account, int... scores) {
		StringBuilder csv = new StringBuilder("survey_id,score,responded_at,account_external_id,comment\n");
		int i = 0;
		for (int s : scores) {
			csv.append(survey).append(',').append(s).append(",2026-11-").append(String.format("%02d", 1 + i++ % 20))
				.append("T10:00:00+09:00,").append(account).append(",コメント ").append(s).append('\n');
		}
		return csv.toString();
	}

	@Test
	void npsCsatAndCesAreComputedAsByHandAndBadRowsAreReportedByLine() {
		Survey nps = survey(a.id(), "nps", "NPS 計算");
		// promoters 10,10,9,9,9 (5), passives 8,7 (2), detractors 6,3,0 (3): (5 - 3) / 10 = 20 points
		ImportReport report = importCsv(a.id(), rows(nps.id(), "acme", 10, 10, 9, 9, 9, 8, 7, 6, 3, 0)
				+ nps.id() + ",11,2026-11-02T10:00:00+09:00,acme,範囲外\n"
				+ nps.id() + ",5,2026-11-02T10:00:00+09:00,nobody,知らない顧客\n"
				+ "999999999,5,2026-11-02T10:00:00+09:00,acme,別の調査\n");
		assertThat(report.imported()).isEqualTo(10);
		assertThat(report.rejectedLines()).extracting(ImportReport.RejectedLine::line).containsExactly(12L, 13L, 14L);
		assertThat(report.rejectedLines().get(0).reason()).contains("score");
		SurveyResults r = reports.results(a.id(), SurveyReports.Scope.survey(nps), 3);
		assertThat(r.score()).isEqualTo(20.0);
		assertThat(r.promoters()).isEqualTo(5);
		assertThat(r.passives()).isEqualTo(2);
		assertThat(r.detractors()).isEqualTo(3);
		// importing the same file again stores nothing twice
		assertThat(importCsv(a.id(), rows(nps.id(), "acme", 10, 10, 9, 9, 9, 8, 7, 6, 3, 0)).duplicates()).isEqualTo(10);
		assertThat(reports.results(a.id(), SurveyReports.Scope.survey(nps), 3).responses()).isEqualTo(10);

		Survey csat = survey(a.id(), "csat", "CSAT 計算");
		// 1-5: satisfied are 4 and 5: 5,4,4,5,4 of 8 answers = 62.5 %
		importCsv(a.id(), rows(csat.id(), "beta", 5, 4, 4, 3, 1, 5, 2, 4));
		assertThat(reports.results(a.id(), SurveyReports.Scope.survey(csat), 3).score()).isEqualTo(62.5);

		Survey ces = survey(a.id(), "ces", "CES 計算");
		// 1-7: (7 + 6 + 2 + 4) / 4 = 4.75, shown to one decimal: 4.8
		importCsv(a.id(), rows(ces.id(), "gamma", 7, 6, 2, 4));
		assertThat(reports.results(a.id(), SurveyReports.Scope.survey(ces), 3).score()).isEqualTo(4.8);

		// the measures health weighs: NPS of acme 20 points, CSAT of beta 62.5 %; acme answered no CSAT: no value
		long acme = accounts.account(a.id(), "acme").id();
		long beta = accounts.account(a.id(), "beta").id();
		long gamma = accounts.account(a.id(), "gamma").id();
		ScoringInput input = new ScoringInput(a.id(), java.time.LocalDate.now(), Map.of(), Map.of(), List.of());
		Map<Long, Double> npsValues = measure("survey_nps").rawValues(input);
		assertThat(npsValues).containsEntry(acme, 20.0);
		assertThat(measure("survey_csat").rawValues(input)).containsEntry(beta, 62.5).doesNotContainKey(acme);
		// breakdown by tier sums the same answers
		assertThat(reports.breakdown(a.id(), SurveyReports.Scope.survey(nps), "tier", 3))
			.extracting(SurveyResults.Group::responses).containsExactly(10L);
	}

	private HealthMeasure measure(String code) {
		return measures.stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow();
	}

	@Test
	void fatigueRulesLeaveOutRecentContactsAndTheHandOffAndRemindersGoThroughTheOutbox() throws Exception {
		Survey first = survey(a.id(), "nps", "配信テスト");
		SurveySendResult sent = surveys.send(a.id(), first.id(), null, List.of("u0", "u1", "U2@" + a.slug() + ".test",
				"nomail", "ghost"));
		assertThat(sent.queued()).isEqualTo(3);
		assertThat(sent.skippedNoEmail()).isEqualTo(1);
		assertThat(sent.unknownContacts()).isEqualTo(1);
		// sending again at once: all three are pending or recent for this survey
		assertThat(surveys.send(a.id(), first.id(), null, List.of("u0", "u1")).skippedRecently()).isEqualTo(2);
		// another survey within the workspace's 30-day gap reaches only the contacts not surveyed yet
		Survey second = survey(a.id(), "csat", "別のアンケート");
		SurveySendResult other = surveys.send(a.id(), second.id(), null, List.of("u0", "u3"));
		assertThat(other.queued()).isEqualTo(1);
		assertThat(other.skippedRecently()).isEqualTo(1);
		// with no gap, u0 may get the second survey
		surveys.saveSettings(a.id(), new SurveySettings(0, false));
		assertThat(surveys.send(a.id(), second.id(), null, List.of("u0")).queued()).isEqualTo(1);
		surveys.saveSettings(a.id(), new SurveySettings(30, false));

		handOff(first);
		handOff(second);
		assertThat(surveys.deliveryCounts(a.id(), first.id())).containsEntry("sent", 3L).containsEntry("queued", 0L);
		String body = mail.messageByKey(a.id(), "survey-" + firstDelivery(first)).orElseThrow().bodyText();
		assertThat(body).contains("/s/").contains("?score=10");
		// no reminder before the reminder days; one after; never more than max_reminders
		assertThat(delivery.remind(Instant.now())).isZero();
		Instant later = Instant.now().plus(Duration.ofDays(4));
		assertThat(delivery.remind(later)).isEqualTo(3 + 2);
		assertThat(mail.messageByKey(a.id(), "survey-" + firstDelivery(first) + "-reminder-1")).isPresent();
		assertThat(delivery.remind(later.plus(Duration.ofDays(4)))).isZero();
		// an answered delivery gets no reminder
		Survey third = survey(a.id(), "nps", "回答後はリマインドなし");
		surveys.saveSettings(a.id(), new SurveySettings(0, false));
		surveys.send(a.id(), third.id(), null, List.of("u5"));
		surveys.saveSettings(a.id(), new SurveySettings(30, false));
		handOff(third);
		String token = tokenOf(third);
		assertThat(answers.answer(token, Map.of("score", List.of("9")), true)).isEqualTo(SurveyAnswers.Outcome.SUBMITTED);
		delivery.remind(later);
		assertThat(jdbc.sql("select reminders_sent from feedback_survey_delivery where workspace_id = ? and survey_id = ?")
			.params(a.id().value(), third.id()).query(Integer.class).single()).isZero();
	}

	/** Hands off the survey's queued deliveries (the background job may take some of them first). */
	private void handOff(Survey s) throws InterruptedException {
		delivery.handOff();
		waitFor(() -> surveys.deliveryCounts(a.id(), s.id()).get("queued") == 0 ? List.of(1) : List.of());
	}

	private long firstDelivery(Survey s) {
		return jdbc.sql("select min(delivery_id) from feedback_survey_delivery where workspace_id = ? and survey_id = ?")
			.params(a.id().value(), s.id()).query(Long.class).single();
	}

	/** The personal link as the contact received it: read from the outbox message. */
	private String tokenOf(Survey s) {
		String body = mail.messageByKey(a.id(), "survey-" + firstDelivery(s)).orElseThrow().bodyText();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("/s/([A-Za-z0-9_-]{43})").matcher(body);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	@Test
	void aTokenAnswersOnceForgedAndReplayedTokensStoreNothingAndScriptIsText() {
		Survey s = survey(a.id(), "nps", "トークン");
		surveys.saveSettings(a.id(), new SurveySettings(0, false));
		String link = surveys.link(a.id(), s.id(), "u6", "http://localhost:" + port).orElseThrow();
		surveys.saveSettings(a.id(), new SurveySettings(30, false));
		String token = link.substring(link.lastIndexOf('/') + 1);
		TestHttp http = new TestHttp(port);
		HttpResponse page = new HttpResponse(http.get("/s/" + token + "?score=3"));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("改善すべき").containsPattern("value=\"3\"[^>]*checked");
		// out of range: refused, nothing stored
		assertThat(post(http, token, "score=11&why=x&action=submit").status()).isEqualTo(400);
		assertThatThrownBy(() -> answers.answer(token, Map.of("score", List.of("-1")), true))
			.isInstanceOf(InvalidInputException.class);
		assertThat(count(s)).isZero();
		// saved twice, still one answer, changed
		assertThat(post(http, token, "score=5&why=first&action=save").status()).isEqualTo(200);
		assertThat(post(http, token, "score=4&why=<script>alert(1)</script>&action=save").body())
			.doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(count(s)).isEqualTo(1);
		HttpResponse done = post(http, token, "score=4&why=<script>alert(1)</script>&action=submit");
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("ありがとうございました");
		// replayed: refused, the answer unchanged
		assertThat(post(http, token, "score=10&why=replay&action=submit").status()).isEqualTo(409);
		assertThat(http.get("/s/" + token).body()).contains("回答済み");
		SurveyResponse stored = reports.verbatims(a.id(),
				new SurveyReports.VerbatimFilter(s.id(), null, null, null, null, null, null, null, 10)).get(0);
		assertThat(stored.score()).isEqualTo(4);
		assertThat(stored.comment()).isEqualTo("<script>alert(1)</script>");
		assertThat(stored.accountExternalId()).as("u6 is a contact of beta").isEqualTo("beta");
		assertThat(count(s)).isEqualTo(1);
		// forged: 404 and nothing stored
		String forged = "A".repeat(43);
		assertThat(http.get("/s/" + forged).statusCode()).isEqualTo(404);
		assertThat(post(http, forged, "score=9&action=submit").status()).isEqualTo(404);
		assertThat(http.get("/s/not-a-token").statusCode()).isEqualTo(404);
		// expired: nothing stored
		Survey t = survey(a.id(), "nps", "期限切れ");
		surveys.saveSettings(a.id(), new SurveySettings(0, false));
		String expired = surveys.link(a.id(), t.id(), "u7", "http://x").orElseThrow();
		surveys.saveSettings(a.id(), new SurveySettings(30, false));
		jdbc.sql("update feedback_survey_delivery set expires_at = now() - interval '1 minute' where workspace_id = ? and survey_id = ?")
			.params(a.id().value(), t.id()).update();
		String et = expired.substring(expired.lastIndexOf('/') + 1);
		assertThat(post(http, et, "score=9&action=submit").status()).isEqualTo(409);
		assertThat(count(t)).isZero();
		// in English by the visitor's choice
		assertThat(http.get("/s/" + et + "?lang=en").body()).contains("Link expired");
	}

	private long count(Survey s) {
		return jdbc.sql("select count(*) from feedback_survey_response where workspace_id = ? and survey_id = ?")
			.params(a.id().value(), s.id()).query(Long.class).single();
	}

	record HttpResponse(int status, String body) {
		HttpResponse(java.net.http.HttpResponse<String> r) {
			this(r.statusCode(), r.body());
		}
	}

	private HttpResponse post(TestHttp http, String token, String form) {
		String encoded = java.util.Arrays.stream(form.split("&")).map(p -> {
			int eq = p.indexOf('=');
			return p.substring(0, eq) + "=" + java.net.URLEncoder.encode(p.substring(eq + 1), StandardCharsets.UTF_8);
		}).reduce((x, y) -> x + "&" + y).orElse("");
		return new HttpResponse(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.url("/s/" + token)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(encoded))));
	}

	@Test
	void aDetractorRaisesTheSignalAndStartsThePlaybookWhoseTaskIsLinkedToTheResponse() throws Exception {
		Survey s = survey(a.id(), "nps", "批判者");
		var playbook = playbooks.create(a.id(), new PlaybookDraft("批判者フォロー", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("survey_detractor", Map.of()), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "批判者に連絡"), false, null, null, null)))));
		playbooks.activate(a.id(), playbook.id());
		surveys.saveSettings(a.id(), new SurveySettings(0, false));
		String link = surveys.link(a.id(), s.id(), "u8", "http://x").orElseThrow();
		surveys.saveSettings(a.id(), new SurveySettings(30, false));
		answers.answer(link.substring(link.lastIndexOf('/') + 1), Map.of("score", List.of("2"), "why", List.of("ログインできない")), true);
		long gamma = accounts.account(a.id(), "gamma").id();
		SignalRule rule = rules.stream().filter(r -> r.code().equals("survey_detractor")).findFirst().orElseThrow();
		var findings = rule.detect(new SignalInput(new ScoringInput(a.id(), java.time.LocalDate.now(), Map.of(), Map.of(),
				List.of()), null, Map.of(), Map.of()));
		assertThat(findings).containsKey(gamma);
		assertThat(findings.get(gamma).severity()).isEqualTo(io.kizuna.health.SignalSeverity.HIGH);
		long response = reports.verbatims(a.id(), new SurveyReports.VerbatimFilter(s.id(), null, "detractor", null, null,
				null, null, null, 10)).get(0).id();
		List<SurveyResponse.FollowUp> loop = waitFor(() -> reports.followUps(a.id(), response));
		var task = tasks.get(a.id(), loop.get(0).taskId());
		assertThat(task.title()).isEqualTo("批判者に連絡");
		tasks.complete(a.id(), task.id(), "resolved", "電話で解決", null);
		waitFor(() -> reports.followUps(a.id(), response).stream().filter(f -> "resolved".equals(f.outcome())).toList());
		// visible on the response page, and another workspace sees none of it
		SupportSessions.Session own = SupportSessions.signIn(port, a.adminEmail(), a.password());
		var page = own.get("/feedback/responses/" + response);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("批判者に連絡").contains("解決").contains("ログインできない");
		SupportSessions.Session other = SupportSessions.signIn(port, b.adminEmail(), b.password());
		assertThat(other.get("/feedback/responses/" + response).statusCode()).isEqualTo(404);
		assertThat(other.get("/feedback/surveys/" + s.id()).statusCode()).isEqualTo(404);
		assertThat(other.get("/feedback").body()).doesNotContain("ログインできない");
		assertThat(other.post("/feedback/surveys/" + s.id() + "/send", "contacts=u1").statusCode()).isIn(302, 404);
		assertThat(other.post("/feedback/responses/" + response + "/follow-up", "title=x").statusCode()).isIn(302, 404);
		assertThat(reports.followUps(a.id(), response)).hasSize(1);
		TestHttp http = new TestHttp(port);
		for (String path : List.of("/api/v1/feedback/surveys/" + s.id(), "/api/v1/feedback/surveys/" + s.id() + "/results",
				"/api/v1/feedback/surveys/" + s.id() + "/deliveries", "/api/v1/feedback/responses/" + response,
				"/api/v1/feedback/surveys/" + s.id() + "/breakdown")) {
			assertThat(http.get(path, b.apiToken()).statusCode()).as(path).isEqualTo(404);
			assertThat(http.getWithoutToken(path).statusCode()).as(path).isEqualTo(401);
			assertThat(http.get(path, a.apiToken()).statusCode()).as(path).isEqualTo(200);
		}
		assertThat(http.get("/api/v1/feedback/responses", b.apiToken()).body()).doesNotContain("ログインできない");
		assertThat(http.send("POST", "/api/v1/feedback/surveys/" + s.id() + "/send", "{\"contacts\":[\"bu\"]}",
				b.apiToken()).statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/feedback/surveys/" + s.id() + "/links", "{\"contact\":\"u1\"}",
				b.apiToken()).statusCode()).isEqualTo(404);
		// anonymous: the admin pages ask for sign-in, the CSV too
		assertThat(http.get("/feedback").statusCode()).isIn(302, 401);
		assertThat(http.get("/feedback/surveys/" + s.id() + "/responses.csv").statusCode()).isIn(302, 401);
		// a contact of another workspace cannot be asked by A's survey
		assertThatThrownBy(() -> surveys.link(a.id(), s.id(), "bu", "http://x"))
			.isInstanceOf(io.kizuna.shared.NotFoundException.class);
	}

	private static <T> List<T> waitFor(java.util.function.Supplier<List<T>> found) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < until) {
			List<T> now = found.get();
			if (!now.isEmpty()) {
				return now;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("not found within 20 s");
	}
}
