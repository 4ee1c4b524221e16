package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.messaging.WebhookDraft;
import io.kizuna.messaging.Webhooks;
import io.kizuna.playbooks.Enrollment;
import io.kizuna.playbooks.Playbook;
import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.playbooks.PlaybookDraft;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.web.SupportSessions;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16 items 6 and 7 on the real database: an SLA breach and a bad CSAT answer start playbooks for the ticket's
 * account (once, even when the event is delivered again; filtered by target, priority and highest rating) and reach a
 * local webhook receiver once per occurrence; another workspace's playbooks and subscriptions stay untouched; the
 * playbook builder, list and detail name both triggers and their settings in ja and en.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupportTriggersIT {

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
	SupportDesk desk;

	@Autowired
	TicketSla sla;

	@Autowired
	SlaPolicyManagement policies;

	@Autowired
	PublicChannels publicChannels;

	@Autowired
	CsatSurveys csat;

	@Autowired
	PlaybookManagement playbooks;

	@Autowired
	TaskManagement tasks;

	@Autowired
	Webhooks webhooks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	TestWorkspace ws;

	TestWorkspace other;

	long agentId;

	HttpServer receiver;

	/** What the receiver got: path, Kizuna-Event, Kizuna-Delivery, body. */
	record Received(String path, String event, String delivery, String body) {
	}

	final List<Received> received = new CopyOnWriteArrayList<>();

	Playbook anyBreach;

	Playbook resolutionOnly;

	Playbook urgentOnly;

	Playbook csatBad;

	Playbook csatNeutral;

	Playbook otherBreach;

	Playbook otherCsat;

	@BeforeAll
	void setUp() throws Exception {
		ws = TestWorkspace.create(workspaces, people, keys, "suptrig", "ja");
		other = TestWorkspace.create(workspaces, people, keys, "suptrigother", "en");
		agentId = people.findUser(ws.user(people, "agent", Role.SUPPORT)).orElseThrow().id();
		for (TestWorkspace w : List.of(ws, other)) {
			policies.create(w.id(), new SlaPolicy("all", "全件", 10, null, null, null, null, null, 60, null, 480, 30));
			// the same external id in both workspaces: each breach must reach its own workspace's account only
			accounts.saveAccount(w.id(), "acme", new AccountDraft("株式会社アクメ", null, null, "smb", null, null, null, null));
			workspaces.saveOutboundAllowList(w.id(), List.of("127.0.0.1"));
		}
		accounts.saveAccount(ws.id(), "beta", new AccountDraft("ベータ工業", null, null, "smb", null, null, null, null));
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", exchange -> {
			received.add(new Received(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Kizuna-Event"),
					exchange.getRequestHeaders().getFirst("Kizuna-Delivery"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		List<String> types = List.of(SlaBreachForwarding.EVENT, CsatForwarding.EVENT);
		webhooks.subscribe(ws.id(), new WebhookDraft("サポート通知", url("/ws"), "webhook", types));
		webhooks.subscribe(other.id(), new WebhookDraft("support", url("/other"), "webhook", types));

		anyBreach = active(ws, "SLA違反フォロー", SlaBreachForwarding.TYPE, Map.of());
		resolutionOnly = active(ws, "解決の遅れ", SlaBreachForwarding.TYPE, Map.of("target", "resolution"));
		urgentOnly = active(ws, "緊急の違反", SlaBreachForwarding.TYPE, Map.of("priority", "urgent"));
		csatBad = active(ws, "低評価フォロー", CsatForwarding.TYPE, Map.of());
		csatNeutral = active(ws, "評価3以下", CsatForwarding.TYPE, Map.of("max_rating", "3"));
		otherBreach = active(other, "Other breach", SlaBreachForwarding.TYPE, Map.of());
		otherCsat = active(other, "Other CSAT", CsatForwarding.TYPE, Map.of());
	}

	@AfterAll
	void stop() {
		receiver.stop(0);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
	}

	private Playbook active(TestWorkspace w, String name, String trigger, Map<String, String> settings) {
		// again after exit: a finished enrollment lets the account in again, so only the occurrence key stops a repeat
		Playbook created = playbooks.create(w.id(), new PlaybookDraft(name, new PlaybookDefinition(
				new PlaybookDefinition.Trigger(trigger, settings), null,
				new PlaybookDefinition.EnrollmentRule("after_exit", null, null), null,
				List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "{{evidence.subject}} の対応"),
						false, null, null, null)))));
		return playbooks.activate(w.id(), created.id());
	}

	private List<Enrollment> enrollments(TestWorkspace w, Playbook playbook) {
		return playbooks.enrollments(w.id(), playbook.id(), 100);
	}

	private long ticket(TestWorkspace w, String subject, String account, String priority) {
		String email = account == null ? "stranger@elsewhere.example" : "customer@" + account + ".example.jp";
		return desk.create(w.id(), new TicketDraft(subject, "本文", email, "顧客", account, priority,
				"question", List.of(), "api"), null).id();
	}

	/** Moves a ticket's creation ten days back (whole minutes), so its first response and resolution are breached. */
	private void breach(TestWorkspace w, long ticketId) {
		Instant at = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES);
		for (String sql : List.of("update support_ticket set created_at = :at where workspace_id = :ws and ticket_id = :id",
				"update support_ticket_change set at = :at where workspace_id = :ws and ticket_id = :id",
				"update support_message set created_at = :at where workspace_id = :ws and ticket_id = :id")) {
			jdbc.sql(sql).param("at", Timestamp.from(at)).param("ws", w.id().value()).param("id", ticketId).update();
		}
		sla.refresh(w.id(), List.of(ticketId));
		sla.watch();
	}

	private Instant due(TestWorkspace w, long ticketId, String target) {
		return jdbc.sql("select " + target + "_due_at from support_ticket_sla where workspace_id = :ws and ticket_id = :id")
			.param("ws", w.id().value()).param("id", ticketId).query(OffsetDateTime.class).single().toInstant();
	}

	/** Waits until the listener has handled every event published to it (the publication registry says so). */
	private void handled(String listener) {
		assertThat(jdbc.sql("select count(*) from event_publication where listener_id like :listener")
			.param("listener", "%" + listener + "%").query(Long.class).single()).as("publications of " + listener)
			.isPositive();
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				select count(*) from event_publication where listener_id like :listener and completion_date is null""")
			.param("listener", "%" + listener + "%").query(Long.class).single() == 0);
	}

	private List<Received> deliveries(String path, String event) {
		webhooks.dispatch();
		return received.stream().filter(r -> r.path().equals(path) && event.equals(r.event())).toList();
	}

	private static boolean about(Received r, long ticketId) {
		return r.body().matches("(?s).*\"ticketId\":" + ticketId + "[,}].*");
	}

	private List<Task> tasksOf(Playbook playbook) {
		return tasks.list(ws.id(), null, null, null, 500).stream().filter(t -> playbook.id() == t.playbookId()).toList();
	}

	private long accountId(TestWorkspace w, String externalId) {
		return accounts.accountIds(w.id(), List.of(externalId)).get(externalId);
	}

	@Test
	@Order(1)
	void aBreachEnrollsTheAccountOnceEvenWhenDeliveredTwiceAndReachesTheReceiverOncePerTarget() {
		long id = ticket(ws, "請求書の再発行", "acme", "high");
		desk.update(ws.id(), id, new TicketUpdate(null, null, null, null, agentId, false), null);
		breach(ws, id);
		Instant firstDue = due(ws, id, "first_response");
		Instant resolutionDue = due(ws, id, "resolution");

		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, anyBreach).size() == 1
				&& enrollments(ws, resolutionOnly).size() == 1);
		handled("SlaBreachForwarding");
		assertThat(enrollments(ws, anyBreach)).singleElement().satisfies(e -> {
			assertThat(e.accountExternalId()).isEqualTo("acme");
			assertThat(e.triggerKey()).startsWith("sla:" + id + ":");
		});
		// the resolution playbook enrolled on the resolution breach, keyed by ticket, target and due time
		assertThat(enrollments(ws, resolutionOnly)).singleElement().extracting(Enrollment::triggerKey)
			.isEqualTo("sla:" + id + ":resolution:" + resolutionDue);
		assertThat(enrollments(ws, urgentOnly)).as("a high ticket is not urgent").isEmpty();
		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, anyBreach).get(0).status().equals("completed")
				&& enrollments(ws, resolutionOnly).get(0).status().equals("completed"));
		assertThat(tasksOf(resolutionOnly)).extracting(Task::title).containsExactly("請求書の再発行 の対応");

		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ws", SlaBreachForwarding.EVENT).size() == 2);
		assertThat(deliveries("/ws", SlaBreachForwarding.EVENT)).extracting(Received::delivery).containsExactlyInAnyOrder(
				"support.sla_breached:" + id + ":first_response:" + firstDue,
				"support.sla_breached:" + id + ":resolution:" + resolutionDue);
		assertThat(deliveries("/ws", SlaBreachForwarding.EVENT)).filteredOn(r -> r.body().contains("\"target\":\"resolution\""))
			.singleElement().satisfies(r -> assertThat(r.body()).contains("\"ticketId\":" + id,
					"\"subject\":\"請求書の再発行\"", "\"priority\":\"high\"", "\"dueAt\":\"" + resolutionDue + "\"",
					"\"externalId\":\"acme\"", "\"name\":\"株式会社アクメ\"", "\"agentUserId\":" + agentId,
					"\"agentName\":\"agent\"", "\"policy\":\"all\"", "/support/tickets/" + id,
					"\"message\":\"#" + id + " 請求書の再発行：解決の期限を超過\""));

		// the registry delivers the same breach again (a restart): nobody enrolled twice, nothing delivered twice
		long account = accountId(ws, "acme");
		transactions.executeWithoutResult(tx -> events.publishEvent(new SlaBreached(ws.id(), List.of(
				new SlaAlert(id, account, "all", "first_response", firstDue),
				new SlaAlert(id, account, "all", "resolution", resolutionDue)))));
		handled("SlaBreachForwarding");
		assertThat(enrollments(ws, anyBreach)).hasSize(1);
		assertThat(enrollments(ws, resolutionOnly)).hasSize(1);
		assertThat(deliveries("/ws", SlaBreachForwarding.EVENT)).hasSize(2);

		// a new breach of the same account is a new occurrence: the finished enrollment lets it in again
		long later = ticket(ws, "ログインできない", "acme", "normal");
		breach(ws, later);
		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, anyBreach).size() == 2);
		assertThat(enrollments(ws, anyBreach)).extracting(Enrollment::triggerKey)
			.anyMatch(key -> key.startsWith("sla:" + later + ":"));
	}

	@Test
	@Order(2)
	void thePrioritySettingFiltersAndATicketWithoutAnAccountEnrollsNobodyButIsDelivered() {
		long urgent = ticket(ws, "本番環境が停止", "beta", "urgent");
		long orphan = ticket(ws, "アカウント不明の問い合わせ", null, "urgent");
		breach(ws, urgent);
		breach(ws, orphan);
		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, urgentOnly).size() == 1);
		handled("SlaBreachForwarding");
		assertThat(enrollments(ws, urgentOnly)).singleElement().satisfies(e -> {
			assertThat(e.accountExternalId()).isEqualTo("beta");
			assertThat(e.triggerKey()).startsWith("sla:" + urgent + ":");
		});
		assertThat(enrollments(ws, anyBreach)).extracting(Enrollment::triggerKey)
			.noneMatch(key -> key.startsWith("sla:" + orphan + ":"))
			.anyMatch(key -> key.startsWith("sla:" + urgent + ":"));
		assertThat(enrollments(ws, resolutionOnly)).extracting(Enrollment::triggerKey)
			.noneMatch(key -> key.startsWith("sla:" + orphan + ":"));

		// two targets of each ticket, one delivery each; the one without an account carries no account
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ws", SlaBreachForwarding.EVENT).stream()
			.filter(r -> about(r, urgent) || about(r, orphan)).count() == 4);
		assertThat(deliveries("/ws", SlaBreachForwarding.EVENT)).filteredOn(r -> about(r, orphan)).hasSize(2)
			.allSatisfy(r -> assertThat(r.body()).doesNotContain("\"account\"").contains("\"priority\":\"urgent\""));
		assertThat(deliveries("/ws", SlaBreachForwarding.EVENT)).filteredOn(r -> about(r, urgent)).hasSize(2)
			.allSatisfy(r -> assertThat(r.body()).contains("\"externalId\":\"beta\""));
	}

	@Test
	@Order(3)
	void aBadCsatAnswerEnrollsTheAccountOnceAndAGoodOneDoesNot() {
		publicChannels.save(ws.id(), new PublicChannelSettings(false, false, List.of(), true, "five", null, null));
		long bad = ticket(ws, "返金の手続き", "acme", "normal");
		desk.update(ws.id(), bad, new TicketUpdate(null, null, null, null, agentId, false), null);
		csat.answer(token(ws, bad), 2, "返信が遅かったです", Locale.JAPANESE);

		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, csatBad).size() == 1
				&& enrollments(ws, csatNeutral).size() == 1);
		assertThat(enrollments(ws, csatBad)).singleElement().satisfies(e -> {
			assertThat(e.accountExternalId()).isEqualTo("acme");
			assertThat(e.triggerKey()).isEqualTo("csat:" + bad);
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ws", CsatForwarding.EVENT).size() == 1);
		assertThat(deliveries("/ws", CsatForwarding.EVENT)).singleElement().satisfies(r -> {
			assertThat(r.delivery()).isEqualTo("support.csat_bad:" + bad);
			assertThat(r.body()).contains("\"ticketId\":" + bad, "\"rating\":2", "\"scale\":\"five\"",
					"\"comment\":\"返信が遅かったです\"", "\"externalId\":\"acme\"", "\"agentUserId\":" + agentId,
					"\"subject\":\"返金の手続き\"", "\"message\":\"#" + bad + " 返金の手続き：評価「2 不満」\"");
		});

		// delivered again: no second enrollment, no second delivery
		long acme = accountId(ws, "acme");
		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, csatBad).get(0).status().equals("completed"));
		transactions.executeWithoutResult(tx -> events.publishEvent(new CsatAnswered(ws.id(), bad, acme, agentId, 2, false)));
		handled("CsatForwarding");
		assertThat(enrollments(ws, csatBad)).hasSize(1);
		assertThat(enrollments(ws, csatNeutral)).hasSize(1);
		assertThat(deliveries("/ws", CsatForwarding.EVENT)).hasSize(1);

		// a good answer starts nothing; a neutral one only the playbook that asked for 3 or lower; neither is delivered
		long good = ticket(ws, "操作方法の質問", "beta", "normal");
		csat.answer(token(ws, good), 4, null, Locale.JAPANESE);
		long neutral = ticket(ws, "設定の確認", "beta", "normal");
		csat.answer(token(ws, neutral), 3, null, Locale.JAPANESE);
		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, csatNeutral).size() == 2);
		handled("CsatForwarding");
		assertThat(enrollments(ws, csatNeutral)).extracting(Enrollment::triggerKey).contains("csat:" + neutral)
			.doesNotContain("csat:" + good);
		assertThat(enrollments(ws, csatBad)).hasSize(1);
		assertThat(deliveries("/ws", CsatForwarding.EVENT)).hasSize(1);

		// on the good/bad scale "bad" is bad
		publicChannels.save(ws.id(), new PublicChannelSettings(false, false, List.of(), true, "binary", null, null));
		long binary = ticket(ws, "請求額の誤り", "beta", "normal");
		csat.answer(token(ws, binary), 1, null, Locale.JAPANESE);
		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(ws, csatBad).size() == 2);
		assertThat(enrollments(ws, csatBad)).extracting(Enrollment::triggerKey).contains("csat:" + binary);
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ws", CsatForwarding.EVENT).size() == 2);
		assertThat(deliveries("/ws", CsatForwarding.EVENT)).filteredOn(r -> r.delivery().equals("support.csat_bad:" + binary))
			.singleElement().satisfies(r -> assertThat(r.body()).contains("\"rating\":1", "\"scale\":\"binary\"",
					"\"externalId\":\"beta\"").doesNotContain("\"comment\""));
	}

	private String token(TestWorkspace w, long ticketId) {
		String link = csat.send(w.id(), ticketId).orElseThrow();
		return link.substring(link.lastIndexOf('/') + 1);
	}

	@Test
	@Order(4)
	void anotherWorkspacesPlaybooksAndSubscriptionsAreNotStarted() {
		handled("SlaBreachForwarding");
		handled("CsatForwarding");
		assertThat(enrollments(other, otherBreach)).isEmpty();
		assertThat(enrollments(other, otherCsat)).isEmpty();
		assertThat(deliveries("/other", SlaBreachForwarding.EVENT)).isEmpty();
		assertThat(deliveries("/other", CsatForwarding.EVENT)).isEmpty();

		// its own breach does start its own playbook, for its own acme, and nothing of the first workspace
		int enrolled = enrollments(ws, anyBreach).size();
		long id = ticket(other, "Invoice question", "acme", "normal");
		breach(other, id);
		await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(other, otherBreach).size() == 1);
		assertThat(enrollments(other, otherBreach)).singleElement().extracting(Enrollment::accountId)
			.isEqualTo(accountId(other, "acme")).isNotEqualTo(accountId(ws, "acme"));
		handled("SlaBreachForwarding");
		assertThat(enrollments(ws, anyBreach)).hasSize(enrolled);
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/other", SlaBreachForwarding.EVENT).size() == 2);
		assertThat(deliveries("/other", SlaBreachForwarding.EVENT)).allMatch(r -> about(r, id));
	}

	@Test
	@Order(5)
	void settingsThatCannotMatchAreRefusedNamingTheSetting() {
		assertThat(refused(SlaBreachForwarding.TYPE, Map.of("target", "first_reply"))).singleElement()
			.asString().startsWith("target: ");
		assertThat(refused(SlaBreachForwarding.TYPE, Map.of("priority", "critical"))).singleElement()
			.asString().startsWith("priority: ");
		assertThat(refused(SlaBreachForwarding.TYPE, Map.of("target", "x", "priority", "y"))).hasSize(2);
		for (String max : List.of("0", "6", "two", "2.5")) {
			assertThat(refused(CsatForwarding.TYPE, Map.of("max_rating", max))).as(max).singleElement()
				.asString().startsWith("max_rating: ");
		}
	}

	private List<String> refused(String trigger, Map<String, String> settings) {
		PlaybookDraft draft = new PlaybookDraft("bad", new PlaybookDefinition(new PlaybookDefinition.Trigger(trigger,
				settings), null, null, null, List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "x"),
						false, null, null, null))));
		List<String> errors = new ArrayList<>();
		assertThatThrownBy(() -> playbooks.create(ws.id(), draft)).isInstanceOfSatisfying(InvalidInputException.class,
				e -> errors.addAll(e.errors()));
		return errors;
	}

	@Test
	@Order(6)
	void theBuilderListAndDetailNameBothTriggersAndTheirSettingsInJapaneseAndEnglish() {
		SupportSessions.Session session = SupportSessions.signIn(port, ws.adminEmail(), ws.password());
		Map<String, List<String>> expected = Map.of(
				"ja", List.of("問い合わせがSLA違反になったとき（チケットの顧客）",
						"サポートのCSATで悪い評価がついたとき（チケットの顧客）",
						"SLAの目標", "チケットの優先度", "CSATの評価"),
				"en", List.of("A ticket's SLA is breached (the ticket's account)",
						"A support CSAT answer is bad (the ticket's account)", "SLA target", "Ticket priority",
						"CSAT ratings"));
		for (String language : List.of("ja", "en")) {
			boolean ja = language.equals("ja");
			List<String> words = expected.get(language);
			Document page = Jsoup.parse(session.get("/playbooks/new?lang=" + language).body());
			assertThat(page.select("#trigger-type option[value=support_sla_breached]").text()).isEqualTo(words.get(0));
			assertThat(page.select("#trigger-type option[value=support_csat_bad]").text()).isEqualTo(words.get(1));
			assertThat(label(page, "trigger.target")).isEqualTo(words.get(2));
			assertThat(label(page, "trigger.priority")).isEqualTo(words.get(3));
			assertThat(label(page, "trigger.max_rating")).isEqualTo(words.get(4));
			assertThat(options(page, "trigger.target")).containsExactly(ja ? "すべて" : "Any",
					ja ? "初回応答" : "First response", ja ? "次回応答" : "Next response", ja ? "解決" : "Resolution");
			assertThat(options(page, "trigger.priority")).containsExactly(ja ? "すべて" : "Any", ja ? "低" : "Low",
					ja ? "通常" : "Normal", ja ? "高" : "High", ja ? "緊急" : "Urgent");
			assertThat(options(page, "trigger.max_rating")).containsExactly(ja ? "悪い評価（2以下）" : "Bad answers (2 or lower)",
					ja ? "1以下" : "1 or lower", ja ? "2以下" : "2 or lower", ja ? "3以下" : "3 or lower",
					ja ? "4以下" : "4 or lower", ja ? "5以下" : "5 or lower");
			// nothing chosen is what a new playbook sends: blank settings, matching any
			assertThat(page.select("select[name='trigger.target'] option[selected]").attr("value")).isEmpty();
			String trigger = page.select("fieldset").first().text();
			assertThat(trigger).doesNotContain("support_", "first_response", "next_response", "max_rating",
					"playbooks.", "urgent");

			Document detail = Jsoup.parse(session.get("/playbooks/" + resolutionOnly.id() + "?lang=" + language).body());
			assertThat(detail.select("#trigger-type option[selected]").text()).isEqualTo(words.get(0));
			assertThat(detail.select("select[name='trigger.target'] option[selected]").text())
				.isEqualTo(ja ? "解決" : "Resolution");
			Document detailCsat = Jsoup.parse(session.get("/playbooks/" + csatNeutral.id() + "?lang=" + language).body());
			assertThat(detailCsat.select("#trigger-type option[selected]").text()).isEqualTo(words.get(1));
			assertThat(detailCsat.select("select[name='trigger.max_rating'] option[selected]").text())
				.isEqualTo(ja ? "3以下" : "3 or lower");

			Document list = Jsoup.parse(session.get("/playbooks?lang=" + language).body());
			assertThat(list.select("#playbooks td").eachText()).contains(words.get(0), words.get(1))
				.doesNotContain(SlaBreachForwarding.TYPE, CsatForwarding.TYPE);
		}
	}

	private static String label(Document page, String field) {
		Element select = page.selectFirst("select[name='" + field + "']");
		assertThat(select).as(field + " is a list of choices").isNotNull();
		return select.parent().selectFirst("span").text();
	}

	private static List<String> options(Document page, String field) {
		return page.select("select[name='" + field + "'] option").eachText();
	}
}
