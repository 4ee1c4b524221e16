package io.kizuna.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.journeys.JourneyManagement;
import io.kizuna.journeys.Stage;
import io.kizuna.messaging.WebhookDelivery;
import io.kizuna.messaging.WebhookDraft;
import io.kizuna.messaging.Webhooks;
import io.kizuna.onboarding.Milestone;
import io.kizuna.onboarding.MilestoneKind;
import io.kizuna.onboarding.MilestoneOverdue;
import io.kizuna.onboarding.OnboardingManagement;
import io.kizuna.onboarding.OnboardingPlan;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The triggers journeys and onboarding bring (a real stage change through journeys; onboarding's overdue event as it
 * publishes it, through the publication registry): each occurrence enrolls once, a replayed event enrolls nobody
 * again, a later occurrence enrolls again; and tasks' own events (created, completed, overdue) reach webhook
 * subscribers, each once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaybookTriggersIT {

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JourneyManagement journeys;

	@Autowired
	OnboardingManagement onboarding;

	@Autowired
	PlaybookManagement playbooks;

	@Autowired
	TaskManagement tasks;

	@Autowired
	OverdueTasks overdue;

	@Autowired
	Webhooks webhooks;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	TestWorkspace ws;

	long csm;

	java.time.Instant started;

	@BeforeEach
	void workspace() {
		started = java.time.Instant.now();
		ws = TestWorkspace.create(workspaces, people, accessKeys, "triggers", "ja");
		csm = people.createUser(ws.id(), "csm@" + ws.slug() + ".test", "佐藤 花子", TestWorkspace.PASSWORD, Role.CSM).id();
		for (int i = 1; i <= 3; i++) {
			accounts.saveAccount(ws.id(), "acc-" + i, new AccountDraft("株式会社" + i, null, "software", "smb", csm,
					null, null, Map.of()));
		}
	}

	Playbook active(String name, String trigger, Map<String, String> settings, String rule) {
		Playbook created = playbooks.create(ws.id(), new PlaybookDraft(name, new PlaybookDefinition(
				new PlaybookDefinition.Trigger(trigger, settings), null,
				new PlaybookDefinition.EnrollmentRule(rule, null, null), null,
				List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "{{account.name}}: {{evidence.to_stage}}{{evidence.milestone}}",
						"type", "onboarding"), false, null, null, null)))));
		return playbooks.activate(ws.id(), created.id());
	}

	List<Task> tasksOf(Playbook playbook) {
		return tasks.list(ws.id(), null, null, null, 500).stream().filter(t -> playbook.id() == t.playbookId()).toList();
	}

	void settled() {
		// only this test's events: other test classes sharing the database may leave a backlog of their own
		String pending = "from event_publication where completion_date is null and publication_date >= ?"
				+ " and (listener_id like '%playbook%' or listener_id like '%TaskEventForwarding%')";
		try {
			await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql("select count(*) " + pending)
				.param(java.sql.Timestamp.from(started)).query(Long.class).single() == 0);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("publications still pending: " + jdbc.sql("select * " + pending)
				.param(java.sql.Timestamp.from(started)).query().listOfRows(), ex);
		}
	}

	void publish(Object event) {
		transactions.executeWithoutResult(tx -> publisher.publishEvent(event));
	}

	@Test
	void aStageChangeStartsThePlaybookOncePerOccurrenceAndAReplayEnrollsNobodyAgain() {
		List<String> codes = journeys.stages(ws.id()).stream().map(Stage::code).toList();
		String target = codes.contains("at_risk") ? "at_risk" : codes.get(codes.size() - 1);
		String other = codes.stream().filter(c -> !c.equals(target)).findFirst().orElseThrow();
		assertThatThrownBy(() -> active("bad", "stage_changed", Map.of("to_stage", "no_such_stage"), "once"))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.errors()).anyMatch(error -> error.contains("to_stage")));
		Playbook playbook = active("リスク移行", "stage_changed", Map.of("to_stage", target), "after_exit");

		journeys.setStage(ws.id(), "acc-1", target, csm, true);
		journeys.setStage(ws.id(), "acc-2", other, csm, true);
		settled();
		assertThat(tasksOf(playbook)).singleElement().satisfies(t -> {
			assertThat(t.accountExternalId()).isEqualTo("acc-1");
			assertThat(t.title()).isEqualTo("株式会社1: " + target);
			assertThat(t.evidence()).containsEntry("trigger", "stage_changed").containsEntry("to_stage", target)
				.containsEntry("source", "manual");
		});

		// the registry delivers the same event again (a restart): nobody is enrolled twice
		long enrollments = enrollments(playbook);
		io.kizuna.journeys.StageChanged replay = new io.kizuna.journeys.StageChanged(ws.id(), List.of(
				new io.kizuna.journeys.StageChanged.Change(new io.kizuna.shared.AccountId(accounts.account(ws.id(), "acc-1").id()),
						null, target, io.kizuna.journeys.ChangeSource.MANUAL, null)));
		// one after the other, as a restart delivers them (two identical deliveries at the same instant are not this)
		publish(replay);
		settled();
		publish(replay);
		settled();
		assertThat(enrollments(playbook)).isEqualTo(enrollments);
		assertThat(tasksOf(playbook)).hasSize(1);

		// a new occurrence: acc-1 leaves the stage and comes back after its enrollment ended
		jdbc.sql("update playbooks_enrollment set status = 'completed' where workspace_id = ? and playbook_id = ?")
			.params(ws.id().value(), playbook.id()).update();
		journeys.setStage(ws.id(), "acc-1", other, csm, true);
		journeys.setStage(ws.id(), "acc-1", target, csm, true);
		settled();
		assertThat(tasksOf(playbook)).hasSize(2).allSatisfy(t -> assertThat(t.accountExternalId()).isEqualTo("acc-1"));
		assertThat(enrollments(playbook)).isEqualTo(enrollments + 1);
	}

	long enrollments(Playbook playbook) {
		return jdbc.sql("select count(*) from playbooks_enrollment where workspace_id = ? and playbook_id = ?")
			.params(ws.id().value(), playbook.id()).query(Long.class).single();
	}

	@Test
	void anOverdueMilestoneStartsThePlaybookOnceEvenWhenAnnouncedAgain() {
		onboarding.savePlan(ws.id(), null, new OnboardingPlan("std", "標準", "Standard", "default", "", List.of(
				new Milestone("kickoff", "キックオフ", "Kickoff", MilestoneKind.MANUAL, null, 1, 30, 7, false),
				new Milestone("first_report", "初回レポート", "First report", MilestoneKind.MANUAL, null, 1, 30, 14, true))));
		assertThatThrownBy(() -> active("bad", "milestone_overdue", Map.of("milestone", "no_such"), "once"))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.errors()).anyMatch(error -> error.contains("milestone")));
		Playbook playbook = active("キックオフ遅れ", "milestone_overdue", Map.of("plan", "std", "milestone", "kickoff"), "once");
		LocalDate due = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1);
		MilestoneOverdue event = new MilestoneOverdue(ws.id(), List.of(
				new MilestoneOverdue.Overdue(accounts.account(ws.id(), "acc-1").id(), "std", "kickoff", due),
				new MilestoneOverdue.Overdue(accounts.account(ws.id(), "acc-2").id(), "std", "first_report", due),
				new MilestoneOverdue.Overdue(accounts.account(ws.id(), "acc-3").id(), "std", "kickoff", due)));
		publish(event);
		settled();
		publish(event);
		settled();
		assertThat(tasksOf(playbook)).extracting(Task::accountExternalId).containsExactlyInAnyOrder("acc-1", "acc-3");
		assertThat(tasksOf(playbook)).allSatisfy(t -> assertThat(t.title()).endsWith(": kickoff"));
	}

	@Test
	void taskEventsReachWebhookSubscribersOnceEach() {
		workspaces.saveOutboundAllowList(ws.id(), List.of("127.0.0.1"));
		long hook = webhooks.subscribe(ws.id(), new WebhookDraft("CRM", "http://127.0.0.1:9/hook", "webhook",
				List.of("task.created", "task.completed", "task.overdue"))).webhook().id();
		assertThat(webhooks.eventTypes()).contains("task.created", "task.completed", "task.overdue");
		LocalDate today = tasks.today(ws.id());
		Task late = tasks.create(ws.id(), new TaskDraft("acc-1", "更新の相談", "renewal", "high", today.minusDays(2), csm,
				null, List.of()), csm);
		Task onTime = tasks.create(ws.id(), new TaskDraft("acc-2", "定例", "activity", "normal", today.plusDays(3), csm,
				null, List.of()), csm);
		tasks.complete(ws.id(), onTime.id(), "contacted", "済", csm);
		assertThat(overdue.announce(ws.id())).isEqualTo(1);
		assertThat(overdue.announce(ws.id())).isZero();
		settled();
		List<WebhookDelivery> deliveries = webhooks.deliveries(ws.id(), hook, 50);
		assertThat(deliveries).extracting(WebhookDelivery::deliveryKey).containsExactlyInAnyOrder(
				"task.created:" + late.id(), "task.created:" + onTime.id(), "task.completed:" + onTime.id(),
				"task.overdue:" + late.id() + ":" + late.dueOn());
		WebhookDelivery completed = deliveries.stream().filter(d -> d.eventType().equals("task.completed")).findFirst()
			.orElseThrow();
		assertThat(completed.payload()).contains("\"outcome\":\"contacted\"", "\"title\":\"定例\"", "\"externalId\":\"acc-2\"");
		// the overdue task's timeline says so, once
		assertThat(tasks.history(ws.id(), late.id())).extracting(TaskEventRow::kind).containsExactly("created", "overdue");
	}
}
