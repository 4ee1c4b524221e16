package io.kizuna.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.HealthBand;
import io.kizuna.health.HealthBandsChanged;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalsRaised;
import io.kizuna.health.SignalsResolved;
import io.kizuna.segments.SegmentDraft;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Playbooks on real PostgreSQL: every built-in trigger (events published as health and segments publish them, through
 * the event publication registry), every built-in action, the enrollment rules, exit criteria, the wait-until branch,
 * conditions, preview, loops refused, idempotency under a replayed event, and the REST API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaybooksIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	SegmentManagement segments;

	@Autowired
	HealthScoring scoring;

	@Autowired
	PlaybookManagement playbooks;

	@Autowired
	TaskManagement tasks;

	@Autowired
	TimedTriggers timed;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.kizuna.imports.CsvImport imports;

	final JsonMapper json = JsonMapper.builder().build();

	TestWorkspace ws;

	long csm;

	long manager;

	LocalDate today;

	java.time.Instant started;

	@BeforeEach
	void workspace() {
		started = java.time.Instant.now();
		ws = TestWorkspace.create(workspaces, people, accessKeys, "playbooks", "ja");
		today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		csm = people.createUser(ws.id(), "csm@" + ws.slug() + ".test", "佐藤 花子", TestWorkspace.PASSWORD, Role.CSM).id();
		manager = people.createUser(ws.id(), "mgr@" + ws.slug() + ".test", "田中 一郎", TestWorkspace.PASSWORD,
				Role.MANAGER).id();
		for (int i = 1; i <= 4; i++) {
			accounts.saveAccount(ws.id(), "acc-" + i, new AccountDraft("株式会社" + i, null, "software",
					i <= 2 ? "enterprise" : "smb", csm, null, null, Map.of("region", i % 2 == 0 ? "kanto" : "kansai")));
		}
	}

	AccountId id(String externalId) {
		return new AccountId(accounts.account(ws.id(), externalId).id());
	}

	void publish(Object event) {
		transactions.executeWithoutResult(tx -> publisher.publishEvent(event));
	}

	SignalsRaised raised(String kind, LocalDate day, String... externalIds) {
		return new SignalsRaised(ws.id(), day, List.of(externalIds).stream()
			.map(e -> new SignalsRaised.Raised(id(e), new SignalKind(kind), "high")).toList());
	}

	static PlaybookDefinition.Step task(int day, String title, String assignee, boolean ifOpen) {
		return new PlaybookDefinition.Step(day, "create_task", Map.of("title", title, "type", "risk", "assignee",
				assignee, "checklist", "電話する\nメールする", "reason", "{{evidence.kind}} が検知されました"), ifOpen, null,
				null, null);
	}

	Playbook active(String name, PlaybookDefinition definition) {
		Playbook created = playbooks.create(ws.id(), new PlaybookDraft(name, definition));
		assertThat(created.status()).isEqualTo("draft");
		return playbooks.activate(ws.id(), created.id());
	}

	List<Task> tasksOf(Playbook playbook) {
		return tasks.list(ws.id(), null, null, null, 500).stream().filter(t -> playbook.id() == t.playbookId()).toList();
	}

	void awaitTasks(Playbook playbook, int n) {
		await().atMost(Duration.ofSeconds(20)).until(() -> tasksOf(playbook).size() >= n);
		// only this test's events: other test classes sharing the database may leave a backlog of their own
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from event_publication where completion_date is null and listener_id like '%playbooks%'"
						+ " and publication_date >= ?")
			.param(java.sql.Timestamp.from(started)).query(Long.class).single() == 0);
	}

	/** Moves a pending step's due time to now, as if its days had passed, and runs the due steps. */
	void daysPass(Playbook playbook) {
		jdbc.sql("update playbooks_step_run set due_at = now() where workspace_id = ? and playbook_id = ? and status = 'pending'")
			.params(ws.id().value(), playbook.id()).update();
		jdbc.sql("update playbooks_enrollment set enrolled_at = enrolled_at - interval '400 days' where workspace_id = ? and playbook_id = ?")
			.params(ws.id().value(), playbook.id()).update();
		playbooks.runDueSteps();
	}

	@Test
	void signalRaisedCreatesOneTaskPerAccountEvenWhenTheEventIsReplayedThenTheManagerStepIfStillOpen() {
		Playbook playbook = active("利用なし対応", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("signal_raised", Map.of("kind", "paying_idle")), null, null, null,
				List.of(task(0, "{{account.name}} に連絡", "owner", false), task(7, "{{account.name}} 要確認", "manager", true))));
		SignalsRaised event = raised("paying_idle", today, "acc-1", "acc-2");
		publish(event);
		awaitTasks(playbook, 2);
		publish(event);
		publish(raised("seats_unused", today, "acc-3"));
		awaitTasks(playbook, 2);
		List<Task> created = tasksOf(playbook);
		assertThat(created).hasSize(2).allSatisfy(t -> {
			assertThat(t.assigneeUserId()).isEqualTo(csm);
			assertThat(t.status()).isEqualTo("open");
			assertThat(t.reason()).isEqualTo("paying_idle が検知されました");
			assertThat(t.evidence()).containsEntry("kind", "paying_idle");
			assertThat(t.checklist()).extracting(Task.ChecklistItem::text).containsExactly("電話する", "メールする");
			assertThat(t.playbookName()).isEqualTo("利用なし対応");
		});
		assertThat(created).extracting(Task::title).containsExactlyInAnyOrder("株式会社1 に連絡", "株式会社2 に連絡");
		// the day-7 step waits
		assertThat(jdbc.sql("select count(*) from playbooks_step_run where workspace_id = ? and playbook_id = ? and step_index = 1 and status = 'pending' and due_at > now() + interval '6 days'")
			.params(ws.id().value(), playbook.id()).query(Long.class).single()).isEqualTo(2);
		Task first = created.stream().filter(t -> t.accountExternalId().equals("acc-1")).findFirst().orElseThrow();
		tasks.complete(ws.id(), first.id(), "contacted", "電話済み", csm);
		daysPass(playbook);
		List<Task> after = tasksOf(playbook);
		assertThat(after).hasSize(3);
		Task escalation = after.stream().filter(t -> t.title().equals("株式会社2 要確認")).findFirst().orElseThrow();
		assertThat(escalation.assigneeUserId()).isEqualTo(manager);
		// one enrollment each, both done
		assertThat(playbooks.enrollments(ws.id(), playbook.id(), 10)).hasSize(2)
			.allSatisfy(e -> assertThat(e.status()).isEqualTo("completed"));
		assertThat(playbooks.runLog(ws.id(), playbook.id(), 50)).extracting(RunLogEntry::kind)
			.contains("evaluated", "step", "step_skipped", "active");
		// running again does nothing twice
		playbooks.runDueSteps();
		assertThat(tasksOf(playbook)).hasSize(3);
	}

	@Test
	void enrollmentRulesOnceLimitAndAfterExit() {
		Playbook once = active("once", definition("once", null, null));
		Playbook limit = active("limit", definition("limit", 2, 30));
		Playbook afterExit = active("again", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("signal_raised", Map.of("kind", "usage_falling")),
				null, new PlaybookDefinition.EnrollmentRule("after_exit", null, null), null,
				List.of(task(0, "t", "owner", false), task(30, "later", "owner", false))));
		for (int day = 0; day < 3; day++) {
			publish(raised("usage_falling", today.minusDays(day), "acc-1"));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> tasksOf(limit).size() == 2);
		awaitTasks(once, 1);
		assertThat(tasksOf(once)).hasSize(1);
		assertThat(tasksOf(limit)).hasSize(2);
		// after_exit: the first enrollment still waits for its day-30 step, so the other days enroll nobody
		assertThat(tasksOf(afterExit)).hasSize(1);
		daysPass(afterExit);
		assertThat(playbooks.enrollments(ws.id(), afterExit.id(), 10)).singleElement()
			.satisfies(e -> assertThat(e.status()).isEqualTo("completed"));
		publish(raised("usage_falling", today.plusDays(1), "acc-1"));
		await().atMost(Duration.ofSeconds(20)).until(() -> playbooks.enrollments(ws.id(), afterExit.id(), 10).size() == 2);
		assertThat(playbooks.enrollments(ws.id(), afterExit.id(), 10)).extracting(Enrollment::number).containsExactly(2, 1);
	}

	PlaybookDefinition definition(String rule, Integer max, Integer days) {
		return new PlaybookDefinition(new PlaybookDefinition.Trigger("signal_raised", Map.of("kind", "usage_falling")), null,
				new PlaybookDefinition.EnrollmentRule(rule, max, days), null, List.of(task(0, "t", "owner", false)));
	}

	@Test
	void exitWhenTheSignalIsResolvedStopsTheRemainingSteps() {
		Playbook playbook = active("exit", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("signal_raised", Map.of("kind", "paying_idle")), null, null,
				new PlaybookDefinition.Exit(true, null),
				List.of(task(0, "first", "owner", false), task(3, "second", "owner", false))));
		publish(raised("paying_idle", today, "acc-1", "acc-2"));
		awaitTasks(playbook, 2);
		publish(new SignalsResolved(ws.id(), today, List.of(new SignalsResolved.Resolved(id("acc-1"), new SignalKind("paying_idle")))));
		await().atMost(Duration.ofSeconds(20)).until(() -> playbooks.enrollments(ws.id(), playbook.id(), 10).stream()
			.anyMatch(e -> e.status().equals("exited")));
		daysPass(playbook);
		assertThat(tasksOf(playbook)).extracting(t -> t.accountExternalId() + ":" + t.title())
			.containsExactlyInAnyOrder("acc-1:first", "acc-2:first", "acc-2:second");
		// the open task of the exited enrollment stays
		assertThat(tasksOf(playbook).stream().filter(t -> t.accountExternalId().equals("acc-1")).findFirst().orElseThrow().status())
			.isEqualTo("open");
	}

	@Test
	void exitConditionAndTheWaitUntilBranch() {
		// wait until the account is enterprise (at most 0 days): enterprise → step 3 (a note); others time out → end
		Playbook playbook = active("wait", new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()), null,
				null, new PlaybookDefinition.Exit(false, "attributes.region = \"nowhere\""),
				List.of(new PlaybookDefinition.Step(0, "wait_until", Map.of("condition", "tier = \"enterprise\""), false, 0, 2, -1),
						task(0, "never", "owner", false),
						new PlaybookDefinition.Step(0, "add_note", Map.of("body", "{{account.name}}: 大口顧客"), false, null, null, null))));
		assertThat(playbooks.runManually(ws.id(), playbook.id(), null, List.of("acc-1", "acc-3"))).isEqualTo(2);
		assertThat(tasksOf(playbook)).isEmpty();
		assertThat(accounts.notes(ws.id(), "acc-1", 10)).extracting(n -> n.body()).containsExactly("株式会社1: 大口顧客");
		assertThat(accounts.notes(ws.id(), "acc-3", 10)).isEmpty();
		assertThat(playbooks.enrollments(ws.id(), playbook.id(), 10)).extracting(e -> e.accountExternalId() + ":" + e.status() + ":" + e.endReason())
			.containsExactlyInAnyOrder("acc-1:completed:steps_done", "acc-3:exited:branch_end");
		// the exit condition stops a step before it runs
		Playbook exiting = active("exit-cond", new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()),
				null, null, new PlaybookDefinition.Exit(false, "attributes.region = \"kanto\""), List.of(task(0, "x", "owner", false))));
		playbooks.runManually(ws.id(), exiting.id(), null, List.of("acc-1", "acc-2"));
		assertThat(tasksOf(exiting)).extracting(Task::accountExternalId).containsExactly("acc-1");
	}

	@Test
	void waitUntilWaitsWhileTheConditionDoesNotHoldAndTheTimeRemains() {
		Playbook playbook = active("wait-long", new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()), null,
				null, null, List.of(new PlaybookDefinition.Step(0, "wait_until", Map.of("condition", "attributes.region = \"okinawa\""), false, 5, null, null),
						task(0, "after", "owner", false))));
		playbooks.runManually(ws.id(), playbook.id(), null, List.of("acc-1"));
		assertThat(tasksOf(playbook)).isEmpty();
		assertThat(jdbc.sql("select count(*) from playbooks_step_run where workspace_id = ? and playbook_id = ? and status = 'pending' and due_at > now()")
			.params(ws.id().value(), playbook.id()).query(Long.class).single()).isEqualTo(1);
		accounts.updateAccount(ws.id(), "acc-1", new AccountDraft(null, null, null, null, null, null, null, Map.of("region", "okinawa")));
		jdbc.sql("update playbooks_step_run set due_at = now() where workspace_id = ? and playbook_id = ?")
			.params(ws.id().value(), playbook.id()).update();
		playbooks.runDueSteps();
		assertThat(tasksOf(playbook)).extracting(Task::title).containsExactly("after");
	}

	@Test
	void bandChangedMatchesFromAndTo() {
		Playbook playbook = active("band", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("band_changed", Map.of("from", "green", "to", "red")), null, null, null,
				List.of(task(0, "急落", "owner", false))));
		publish(new HealthBandsChanged(ws.id(), today, List.of(
				new HealthBandsChanged.Change(id("acc-1"), HealthBand.GREEN, HealthBand.RED, 20),
				new HealthBandsChanged.Change(id("acc-2"), HealthBand.YELLOW, HealthBand.RED, 25),
				new HealthBandsChanged.Change(id("acc-3"), HealthBand.RED, HealthBand.GREEN, 80))));
		awaitTasks(playbook, 1);
		assertThat(tasksOf(playbook)).extracting(Task::accountExternalId).containsExactly("acc-1");
	}

	@Test
	void segmentEnteredAndExitedFromARealSegmentEvaluation() {
		segments.create(ws.id(), new SegmentDraft("tokyo", "東京", "attributes.region = \"tokyo\""));
		Playbook entered = active("entered", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("segment_entered", Map.of("segment", "tokyo")), null, null, null,
				List.of(task(0, "東京へようこそ", "owner", false))));
		Playbook exited = active("exited", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("segment_exited", Map.of("segment", "tokyo")), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "update_account", Map.of("tag", "left-tokyo", "attribute", "moved", "value", "yes"), false, null, null, null))));
		accounts.updateAccount(ws.id(), "acc-1", new AccountDraft(null, null, null, null, null, null, null, Map.of("region", "tokyo")));
		awaitTasks(entered, 1);
		assertThat(tasksOf(entered)).extracting(Task::accountExternalId).containsExactly("acc-1");
		accounts.updateAccount(ws.id(), "acc-1", new AccountDraft(null, null, null, null, null, null, null, Map.of("region", "kansai")));
		await().atMost(Duration.ofSeconds(20)).until(() -> accounts.account(ws.id(), "acc-1").attributes().containsKey("tags"));
		Account moved = accounts.account(ws.id(), "acc-1");
		assertThat(moved.attributes()).containsEntry("tags", List.of("left-tokyo")).containsEntry("moved", "yes");
		assertThat(playbooks.enrollments(ws.id(), exited.id(), 10)).hasSize(1);
		assertThat(tasksOf(entered)).hasSize(1);
	}

	@Test
	void renewalWithinNDaysAndTheScheduleInTheWorkspaceTimeZone() {
		accounts.saveSubscription(ws.id(), "sub-1", new SubscriptionDraft("acc-1", null, "Pro", 100_000L, "JPY", 10,
				"active", today.minusDays(300), today.plusDays(20), null, null, today.minusDays(300)));
		accounts.saveSubscription(ws.id(), "sub-2", new SubscriptionDraft("acc-2", null, "Pro", 100_000L, "JPY", 10,
				"active", today.minusDays(300), today.plusDays(90), null, null, today.minusDays(300)));
		scoring.recompute(ws.id(), today);
		Playbook renewal = active("renewal", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("renewal_within", Map.of("days", "30")), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "更新準備", "type", "renewal"), false, null, null, null))));
		Playbook weekly = active("weekly", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("schedule", Map.of("cron", "* * * * *")), "tier = \"smb\"", null, null,
				List.of(task(0, "定期確認", "owner", false))));
		timed.run(ws.id(), Instant.now().plusSeconds(120));
		timed.run(ws.id(), Instant.now().plusSeconds(121));
		assertThat(tasksOf(renewal)).extracting(t -> t.accountExternalId() + ":" + t.type()).containsExactly("acc-1:renewal");
		assertThat(tasksOf(weekly)).extracting(Task::accountExternalId).containsExactlyInAnyOrder("acc-3", "acc-4");
		assertThatThrownBy(() -> playbooks.create(ws.id(), new PlaybookDraft("bad", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("schedule", Map.of("cron", "every day")), null, null, null,
				List.of(task(0, "x", "owner", false)))))).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).anyMatch(m -> m.startsWith("cron:")));
	}

	@Test
	void manualRunOnASegmentEnrollIntoAnotherPlaybookAndLoopsRefused() {
		segments.create(ws.id(), new SegmentDraft("ent", "大口", "tier = \"enterprise\""));
		Playbook target = active("target", new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()), null,
				null, null, List.of(task(0, "引き継ぎ", "manager", false))));
		Playbook source = active("source", new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()), null,
				null, null, List.of(new PlaybookDefinition.Step(0, "enroll_playbook", Map.of("playbook", String.valueOf(target.id())), false, null, null, null))));
		assertThat(playbooks.runManually(ws.id(), source.id(), "ent", null)).isEqualTo(2);
		assertThat(tasksOf(target)).extracting(Task::accountExternalId).containsExactlyInAnyOrder("acc-1", "acc-2");
		assertThat(tasksOf(target)).allSatisfy(t -> assertThat(t.assigneeUserId()).isEqualTo(manager));
		// self-enroll and a loop are refused at save
		PlaybookDefinition self = new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "enroll_playbook", Map.of("playbook", String.valueOf(source.id())), false, null, null, null)));
		assertThatThrownBy(() -> playbooks.update(ws.id(), source.id(), new PlaybookDraft(null, self)))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).anyMatch(m -> m.contains("itself")));
		PlaybookDefinition back = new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "enroll_playbook", Map.of("playbook", String.valueOf(source.id())), false, null, null, null)));
		assertThatThrownBy(() -> playbooks.update(ws.id(), target.id(), new PlaybookDraft(null, back)))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).anyMatch(m -> m.contains("loop")));
		// a loop written straight into the table (as if from before the check) is stopped by the depth limit
		jdbc.sql("update playbooks_enrollment set depth = ? where workspace_id = ?").params(PlaybookManagement.MAX_DEPTH, ws.id().value()).update();
		assertThat(playbooks.enrollFrom(ws.id(), target.id(), id("acc-3"), "k", PlaybookManagement.MAX_DEPTH).status())
			.isEqualTo(ActionOutcome.Status.FAILED);
	}

	@Test
	void updateAccountStageAndNoteAreIdempotent() {
		String stage = accounts.lifecycleStages(ws.id()).codes().get(0);
		Playbook playbook = active("update", new PlaybookDefinition(new PlaybookDefinition.Trigger("manual", Map.of()), null,
				new PlaybookDefinition.EnrollmentRule("after_exit", null, null), null,
				List.of(new PlaybookDefinition.Step(0, "update_account", Map.of("stage", stage), false, null, null, null),
						new PlaybookDefinition.Step(0, "add_note", Map.of("body", "担当: {{owner.name}}"), false, null, null, null))));
		playbooks.runManually(ws.id(), playbook.id(), null, List.of("acc-4"));
		assertThat(accounts.account(ws.id(), "acc-4").lifecycleStage()).isEqualTo(stage);
		assertThat(accounts.notes(ws.id(), "acc-4", 10)).extracting(n -> n.body()).containsExactly("担当: 佐藤 花子");
		// the same step run again (a restart between the action and its mark) adds no second note
		jdbc.sql("update playbooks_step_run set status = 'pending', due_at = now() where workspace_id = ? and playbook_id = ?")
			.params(ws.id().value(), playbook.id()).update();
		jdbc.sql("update playbooks_enrollment set status = 'active' where workspace_id = ? and playbook_id = ?")
			.params(ws.id().value(), playbook.id()).update();
		playbooks.runDueSteps();
		assertThat(accounts.notes(ws.id(), "acc-4", 10)).hasSize(1);
		assertThatThrownBy(() -> playbooks.create(ws.id(), new PlaybookDraft("bad", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("manual", Map.of()), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "update_account", Map.of("stage", "no-such-stage"), false, null, null, null),
						new PlaybookDefinition.Step(0, "add_note", Map.of("body", "{{nobody.name}}"), false, null, null, null))))))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).errors())
				.anyMatch(m -> m.startsWith("steps[1].stage")).anyMatch(m -> m.contains("unknown variable nobody.name")));
	}

	@Test
	void previewCountsWhoWouldEnrollAndWhatEachGetsAndAppliesConditions() {
		accounts.saveSubscription(ws.id(), "sub-p", new SubscriptionDraft("acc-1", null, "Pro", 100_000L, "JPY", 10,
				"active", today.minusDays(300), today.plusDays(10), null, null, today.minusDays(300)));
		scoring.recompute(ws.id(), today);
		PlaybookDefinition definition = new PlaybookDefinition(new PlaybookDefinition.Trigger("schedule", Map.of("cron", "0 9 * * MON")),
				"tier = \"enterprise\"", null, null, List.of(task(0, "{{account.name}} 確認", "owner", false),
						new PlaybookDefinition.Step(3, "add_note", Map.of("body", "x"), true, null, null, null)));
		PlaybookPreview preview = playbooks.preview(ws.id(), definition, null, java.util.Locale.JAPANESE);
		assertThat(preview.count()).isEqualTo(2);
		assertThat(preview.first()).extracting(PlaybookPreview.Candidate::name).containsExactly("株式会社1", "株式会社2");
		assertThat(preview.first().get(0).ownerName()).isEqualTo("佐藤 花子");
		assertThat(preview.first().get(0).gets()).containsExactly("0日目: 担当CSMにタスク「株式会社1 確認」",
				"3日目: タイムラインにメモを追加（タスクが未完了の場合）");
		PlaybookPreview english = playbooks.preview(ws.id(), definition, null, java.util.Locale.ENGLISH);
		assertThat(english.steps()).containsExactly("Day 0: Create a task", "Day 3: Add a timeline note (if the task is still open)");
	}

	@Test
	void tasksByHandAndEveryStateChange() {
		Task task = tasks.create(ws.id(), new TaskDraft("acc-1", "オンボーディング確認", "onboarding", "high",
				today.minusDays(2), null, "初回ログインなし", List.of("電話")), manager);
		assertThat(task.assigneeUserId()).isEqualTo(csm);
		Task later = tasks.create(ws.id(), new TaskDraft("acc-2", "後で", null, null, today.plusDays(5), manager, null, null), manager);
		assertThat(tasks.mine(ws.id(), csm)).extracting(Task::id).containsExactly(task.id());
		assertThat(task.overdue(today)).isTrue();
		tasks.start(ws.id(), task.id(), csm);
		tasks.check(ws.id(), task.id(), 0, true, csm);
		assertThat(tasks.get(ws.id(), task.id()).checklist().get(0).done()).isTrue();
		tasks.snooze(ws.id(), task.id(), today.plusDays(3), csm);
		assertThat(tasks.get(ws.id(), task.id()).dueOn()).isEqualTo(today.plusDays(3));
		tasks.reassign(ws.id(), task.id(), manager, csm);
		tasks.complete(ws.id(), task.id(), "resolved", "解決済み", manager);
		tasks.cancel(ws.id(), later.id(), "重複", manager);
		assertThat(tasks.history(ws.id(), task.id())).extracting(TaskEventRow::kind)
			.containsExactly("created", "started", "snoozed", "reassigned", "completed");
		assertThat(tasks.accountEvents(ws.id(), id("acc-1").value(), 10)).hasSize(5);
		assertThat(tasks.team(ws.id())).filteredOn(m -> m.userId() != null && m.userId() == manager).singleElement()
			.satisfies(m -> {
				assertThat(m.completed30()).isEqualTo(1);
				assertThat(m.canceled30()).isEqualTo(1);
				assertThat(m.completionRate()).isEqualTo(50.0);
			});
		assertThatThrownBy(() -> tasks.complete(ws.id(), task.id(), "resolved", null, csm))
			.isInstanceOf(io.kizuna.shared.ConflictException.class);
		assertThatThrownBy(() -> tasks.create(ws.id(), new TaskDraft("acc-1", "", "weird", null, null, null, null, null), csm))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).anyMatch(m -> m.startsWith("title"))
				.anyMatch(m -> m.startsWith("type")));
		tasks.saveTypeLabel(ws.id(), "risk", "要注意", "Watch");
		assertThat(tasks.typeLabels(ws.id()).get("risk")).containsExactly("要注意", "Watch");
	}

	@Test
	void restApiForPlaybooksAndTasks() {
		TestHttp http = new TestHttp(port);
		String body = """
				{"name":"API","definition":{"trigger":{"type":"manual","settings":{}},
				 "steps":[{"day":0,"type":"create_task","settings":{"title":"API task"}}]}}""";
		HttpResponse<String> created = http.send("POST", "/api/v1/playbooks", body, ws.apiToken());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = json.readTree(created.body()).get("id").asLong();
		assertThat(http.send("POST", "/api/v1/playbooks/" + id + "/activate", "", ws.apiToken()).statusCode()).isEqualTo(200);
		HttpResponse<String> run = http.send("POST", "/api/v1/playbooks/" + id + "/run", "{\"accounts\":[\"acc-1\"]}", ws.apiToken());
		assertThat(run.body()).contains("\"enrolled\":1");
		JsonNode list = json.readTree(http.get("/api/v1/tasks?status=open_all", ws.apiToken()).body());
		assertThat(list.size()).isEqualTo(1);
		long task = list.get(0).get("id").asLong();
		assertThat(http.send("POST", "/api/v1/tasks/" + task + "/complete", "{\"outcome\":\"contacted\"}", ws.apiToken())
			.body()).contains("\"status\":\"done\"");
		assertThat(http.get("/api/v1/playbooks/" + id + "/enrollments", ws.apiToken()).body()).contains("\"status\":\"completed\"");
		assertThat(http.get("/api/v1/playbooks/" + id + "/log", ws.apiToken()).statusCode()).isEqualTo(200);
		assertThat(http.get("/api/v1/playbooks/catalog", ws.apiToken()).body()).contains("create_task", "wait_until", "signal_raised");
		HttpResponse<String> bad = http.send("POST", "/api/v1/playbooks", """
				{"name":"bad","definition":{"trigger":{"type":"nope"},"steps":[]}}""", ws.apiToken());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("trigger").contains("steps");
		assertThat(http.send("POST", "/api/v1/tasks", "{\"account\":\"acc-9\",\"title\":\"x\"}", ws.apiToken()).statusCode())
			.isEqualTo(400);
		assertThat(http.send("POST", "/api/v1/tasks/" + task + "/complete", "{\"outcome\":\"contacted\"}", ws.apiToken())
			.statusCode()).isEqualTo(409);
		assertThat(http.send("POST", "/api/v1/playbooks/" + id + "/pause", "", ws.apiToken()).body()).contains("\"status\":\"paused\"");
		assertThat(http.send("DELETE", "/api/v1/playbooks/" + id, "", ws.apiToken()).statusCode()).isEqualTo(204);
	}

	@Test
	void tasksImportedFromCsvWithEveryBadRowRejectedByLine() {
		String csv = """
				account_external_id,title,type,priority,due_on,assignee_email,reason,checklist
				acc-1,四半期レビュー,activity,high,2026-12-20,mgr@%s.test,更新前,議題を送る|会議室を予約
				acc-9,存在しない顧客,,,,,,
				acc-2,,risk,,,,,
				acc-3,担当不明,,,,nobody@example.com,,
				""".formatted(ws.slug());
		io.kizuna.imports.ImportReport report = imports.importCsv(ws.id(), "tasks",
				new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)), null, null);
		assertThat(report.imported()).isEqualTo(1);
		assertThat(report.rejectedLines()).extracting(io.kizuna.imports.ImportReport.RejectedLine::line).containsExactly(3L, 4L, 5L);
		Task task = tasks.list(ws.id(), "open_all", null, "acc-1", 10).get(0);
		assertThat(task.title()).isEqualTo("四半期レビュー");
		assertThat(task.assigneeUserId()).isEqualTo(manager);
		assertThat(task.dueOn()).isEqualTo(LocalDate.of(2026, 12, 20));
		assertThat(task.checklist()).extracting(Task.ChecklistItem::text).containsExactly("議題を送る", "会議室を予約");
	}
}
