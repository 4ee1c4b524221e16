package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.AccountHealth;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSignal;
import io.kizuna.health.ScorecardDefinition;
import io.kizuna.health.ScoringRule;
import io.kizuna.health.WeightedMeasure;
import io.kizuna.messaging.WebhookDraft;
import io.kizuna.messaging.Webhooks;
import io.kizuna.playbooks.Playbook;
import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.playbooks.PlaybookDraft;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.web.SupportSessions;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What text analytics gives the rest of the product: the sentiment measure and the falling-sentiment signal in a
 * real scoring run, the account 360 panel, and a rising issue reaching the home page, a playbook and a webhook
 * receiver once each, even when the event is delivered again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TextSignalsIT {

	static final String HAPPY = "サポートがとても丁寧で助かりました";

	static final String UNHAPPY = "動作が遅くて困っています";

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

	@Autowired
	HealthScoring scoring;

	@Autowired
	HealthQueries queries;

	@Autowired
	HealthAdministration administration;

	@Autowired
	PlaybookManagement playbooks;

	@Autowired
	TaskManagement tasks;

	@Autowired
	Webhooks webhooks;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	TestWorkspace ws;

	HttpServer receiver;

	final List<String> received = new CopyOnWriteArrayList<>();

	@BeforeAll
	void setUp() throws Exception {
		ws = TestWorkspace.create(workspaces, people, keys, "textsignals", "ja");
		LocalDate start = LocalDate.now().minusYears(1);
		for (String account : List.of("falling", "steady", "spiky")) {
			accounts.saveAccount(ws.id(), account, new AccountDraft(account + " 株式会社", null, null, "smb", null, null, null, null));
			accounts.saveSubscription(ws.id(), "sub-" + account, new SubscriptionDraft(account, "app", "Standard",
					30_000L, "JPY", 10, "active", start, start.plusYears(2), null, null, start));
		}
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", exchange -> {
			received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterAll
	void stop() {
		receiver.stop(0);
	}

	private List<CustomerText> texts(String account, String prefix, String body, int... daysAgo) {
		long id = accounts.accountIds(ws.id(), List.of(account)).get(account);
		List<CustomerText> texts = new ArrayList<>();
		Instant now = Instant.now();
		for (int days : daysAgo) {
			texts.add(new CustomerText(ws.id(), "note", prefix + account + "-" + days, new AccountId(id), body,
					now.minus(Duration.ofDays(days)).minus(Duration.ofHours(1)), "/accounts/" + account));
		}
		return texts;
	}

	@Test
	@Order(1)
	void aSharpFallOfSentimentRaisesTheSignalTheMeasureAndThePanelShowIt() {
		List<CustomerText> all = new ArrayList<>();
		all.addAll(texts("falling", "before-", HAPPY, 40, 50, 60, 70, 80));
		all.addAll(texts("falling", "after-", UNHAPPY, 1, 3, 5, 7));
		all.addAll(texts("steady", "before-", HAPPY, 40, 55, 70, 85));
		all.addAll(texts("steady", "after-", HAPPY, 2, 6, 10, 14));
		analytics.analyse(ws.id(), all);
		administration.createScorecard(ws.id(), "声", "smb", new ScorecardDefinition(List.of(
				new WeightedMeasure("subscription_status", 1, ScoringRule.linear(0, 1)),
				new WeightedMeasure(TextExtensions.MEASURE, 1, ScoringRule.linear(-1, 1))), 40, 70));
		scoring.recompute(ws.id(), scoring.today(ws.id()));

		AccountHealth falling = queries.accountHealth(ws.id(), "falling", Locale.JAPANESE);
		HealthSignal signal = falling.signals().stream().filter(s -> s.kind().code().equals(TextExtensions.FALLING))
			.findFirst().orElseThrow();
		assertThat(signal.severity()).isEqualTo("high");
		assertThat(((Number) signal.evidence().get("recent_sentiment")).doubleValue()).isNegative();
		assertThat(((Number) signal.evidence().get("usual_sentiment")).doubleValue()).isPositive();
		assertThat(((Number) signal.evidence().get("recent_texts")).intValue()).isEqualTo(4);
		AccountHealth.ExplainedMeasure measure = falling.measures().stream()
			.filter(m -> m.measure().equals(TextExtensions.MEASURE)).findFirst().orElseThrow();
		assertThat(measure.label()).isEqualTo("テキストの感情（平均スコア、直近90日）");
		AccountHealth steady = queries.accountHealth(ws.id(), "steady", Locale.JAPANESE);
		assertThat(steady.signals()).noneMatch(s -> s.kind().code().equals(TextExtensions.FALLING));
		assertThat(steady.measures().stream().filter(m -> m.measure().equals(TextExtensions.MEASURE)).findFirst()
			.orElseThrow().raw()).isGreaterThan(measure.raw());

		SupportSessions.Session session = SupportSessions.signIn(port, ws.adminEmail(), ws.password());
		String page = session.get("/accounts/falling").body();
		assertThat(page).contains("書かれた内容の感情").contains("直近26週間のテキスト9件").contains("感情の急な悪化")
			.contains("id=\"sentiment-panel-table\"").doesNotContain("text.panel").doesNotContain("recent_sentiment");
	}

	@Test
	@Order(2)
	void aRisingIssueReachesTheHomePageAPlaybookAndAWebhookOnceEach() throws Exception {
		workspaces.saveOutboundAllowList(ws.id(), List.of("127.0.0.1"));
		webhooks.subscribe(ws.id(), new WebhookDraft("声の通知", "http://127.0.0.1:" + receiver.getAddress().getPort()
				+ "/hook", "webhook", List.of(TextExtensions.ISSUE_ROSE)));
		Playbook created = playbooks.create(ws.id(), new PlaybookDraft("急増フォロー", new PlaybookDefinition(
				new PlaybookDefinition.Trigger(RisingIssueForwarding.TYPE, Map.of("term", "ログイン")), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "{{evidence.term}}の件で連絡"),
						false, null, null, null)))));
		Playbook playbook = playbooks.activate(ws.id(), created.id());

		List<CustomerText> all = new ArrayList<>();
		for (int day = 9; day < 60; day += 6) {
			all.addAll(texts("spiky", "usual-", "ログインの設定について", day));
		}
		for (int i = 0; i < 6; i++) {
			all.addAll(texts("falling", "spike-" + i + "-", "リリース後にログインできない", 0));
			all.addAll(texts("spiky", "spike-" + i + "-", "リリース後にログインできない", 0));
		}
		analytics.analyse(ws.id(), all);
		// the spike is one issue named by its most unusual term; ログイン, usual before, rose with it
		RisingIssue issue = analytics.alerts(ws.id(), 20).stream().filter(r -> r.related().contains("ログイン"))
			.findFirst().orElseThrow();
		assertThat(issue.term()).isEqualTo("ログインできない");
		assertThat(issue.accountExternalIds()).containsExactlyInAnyOrder("falling", "spiky");

		await().atMost(Duration.ofSeconds(30)).until(() -> tasksOf(playbook).size() == 2);
		// the playbook asked for ログイン: a related term starts it too
		assertThat(tasksOf(playbook)).extracting(Task::title).containsOnly("ログインできないの件で連絡");
		// one delivery per rising issue: the spike raised ログイン and the terms beside it
		int issues = (int) analytics.alerts(ws.id(), 20).stream().filter(r -> r.detectedOn().equals(issue.detectedOn()))
			.count();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			webhooks.dispatch();
			return received.size() >= issues;
		});
		assertThat(received).hasSize(issues).allMatch(body -> body.contains("\"type\":\"text.issue_rose\""))
			.filteredOn(body -> body.contains("\"term\":\"ログインできない\"")).singleElement()
			.satisfies(body -> assertThat(body).contains("\"accounts\":2", "\"falling\"", "\"spiky\""));

		// the registry delivers the same event again (a restart): nobody enrolled twice, nothing delivered twice
		transactions.executeWithoutResult(tx -> events.publishEvent(new TextIssueRose(ws.id(), List.of(issue))));
		Thread.sleep(2000);
		webhooks.dispatch();
		assertThat(tasksOf(playbook)).hasSize(2);
		assertThat(received).hasSize(issues);

		SupportSessions.Session session = SupportSessions.signIn(port, ws.adminEmail(), ws.password());
		assertThat(session.get("/").body()).contains("id=\"portfolio-rising\"").contains("急増している話題")
			.contains(">ログインできない<").contains("関連語: ");
	}

	private List<Task> tasksOf(Playbook playbook) {
		return tasks.list(ws.id(), null, null, null, 500).stream().filter(t -> playbook.id() == t.playbookId()).toList();
	}
}
