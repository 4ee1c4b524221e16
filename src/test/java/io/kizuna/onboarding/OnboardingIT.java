package io.kizuna.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.AccountHealth;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSignal;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.usage.TrackedMessage;
import io.kizuna.usage.UsageIngestion;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Onboarding end to end on the real database: plans chosen by subscription plan, tier or default; milestones
 * completed from ingested events (event counts, distinct active users, windows, the workspace-time-zone day
 * boundary), by hand and overdue; the batched events; the health signal using the plan where there is one; REST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingIT {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@TestConfiguration
	static class Recorder {

		final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void completed(MilestoneCompleted event) {
			events.add(event);
		}

		@EventListener
		void overdue(MilestoneOverdue event) {
			events.add(event);
		}
	}

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
	UsageIngestion ingestion;

	@Autowired
	UsageRollups rollups;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OnboardingManagement onboarding;

	@Autowired
	HealthScoring scoring;

	@Autowired
	HealthQueries health;

	@Autowired
	SegmentManagement segments;

	@Autowired
	Recorder recorder;

	TestWorkspace ws;

	LocalDate today;

	LocalDate start;

	final List<TrackedMessage> messages = new ArrayList<>();

	@BeforeAll
	void workspace() {
		ws = TestWorkspace.create(workspaces, people, accessKeys, "onboarding", "ja");
		today = LocalDate.now(TOKYO);
		start = today.minusDays(20);
		account("ob-ent", "enterprise", "Enterprise", start);
		account("ob-smb", "smb", "Standard", start);
		account("ob-mid", "mid-market", "Standard", start);
		account("ob-free", "enterprise", "Free", today.minusDays(40));
		account("ob-none", "mid-market", null, null);
		// ob-ent: an invite on day 2; reports on days 3, 4 and 6; users u1, u2 on day 3 and u3 on day 8; an export on
		// day 10, after its five-day window
		at("ob-ent", "u1", start.plusDays(2), "Invite Sent");
		for (int day : new int[] { 3, 4, 6 }) {
			at("ob-ent", "u1", start.plusDays(day), "Report Created");
		}
		at("ob-ent", "u2", start.plusDays(3), "Dashboard Viewed");
		at("ob-ent", "u3", start.plusDays(8), "Dashboard Viewed");
		at("ob-ent", "u1", start.plusDays(10), "Export Downloaded");
		// ob-mid: two exports across midnight in Tokyo, the same UTC day: 23:30 on day 4 and 00:30 on day 5
		Instant lateEvening = start.plusDays(4).atTime(23, 30).atZone(TOKYO).toInstant();
		Instant afterMidnight = start.plusDays(5).atTime(0, 30).atZone(TOKYO).toInstant();
		assertThat(lateEvening.atZone(ZoneOffset.UTC).toLocalDate())
			.isEqualTo(afterMidnight.atZone(ZoneOffset.UTC).toLocalDate());
		event("ob-mid", "m1", lateEvening, "Export Downloaded");
		event("ob-mid", "m1", afterMidnight, "Export Downloaded");
		flush();
	}

	private void account(String id, String tier, String plan, LocalDate started) {
		accounts.saveAccount(ws.id(), id, new AccountDraft(id + " 株式会社", null, null, tier, null, null, null, Map.of()));
		if (plan != null) {
			accounts.saveSubscription(ws.id(), "sub-" + id, new SubscriptionDraft(id, "app", plan, 50_000L, "JPY", 10,
					"active", started, started.plusYears(1), null, null, started));
		}
	}

	private void at(String account, String user, LocalDate day, String name) {
		event(account, user, day.atTime(LocalTime.of(10, 0)).atZone(TOKYO).toInstant(), name);
	}

	private void event(String account, String user, Instant at, String name) {
		messages.add(new TrackedMessage("track", UUID.randomUUID().toString(), account + "-" + user, null, account, name,
				at, at, null, null, null, null));
	}

	private void flush() {
		ingestion.ingest(ws.id(), List.copyOf(messages));
		messages.clear();
		io.kizuna.usage.PendingRollups.awaitFolded(rollups, jdbc, ws.id());
	}

	static Milestone event(String key, String event, int count, int within, int due, boolean firstValue) {
		return new Milestone(key, key + "（日本語）", key, MilestoneKind.EVENT_COUNT, event, count, within, due, firstValue);
	}

	static Milestone users(String key, int count, int within, int due) {
		return new Milestone(key, key + "（日本語）", key, MilestoneKind.ACTIVE_USERS, null, count, within, due, false);
	}

	static Milestone manual(String key, int due) {
		return new Milestone(key, key + "（日本語）", key, MilestoneKind.MANUAL, null, 1, 30, due, false);
	}

	@Test
	@Order(1)
	void eachMilestoneKindIsCompletedFromUsageOnTheDayItWasReached() {
		onboarding.savePlan(ws.id(), null, new OnboardingPlan("ent", "エンタープライズ", "Enterprise", "plan", "Enterprise",
				List.of(event("invite", "Invite Sent", 1, 30, 7, false), event("reports", "Report Created", 3, 30, 14, true),
						users("users", 3, 30, 14), manual("kickoff", 3), event("export", "Export Downloaded", 1, 5, 5, false))));
		onboarding.savePlan(ws.id(), null, new OnboardingPlan("smb", "SMB", "SMB", "tier", "smb",
				List.of(manual("welcome", 30))));
		onboarding.savePlan(ws.id(), null, new OnboardingPlan("std", "標準", "Standard", "default", null,
				List.of(event("export-2", "Export Downloaded", 2, 10, 10, true))));

		AccountOnboarding ent = onboarding.progress(ws.id(), "ob-ent");
		assertThat(ent.plan().key()).isEqualTo("ent");
		assertThat(ent.startedOn()).isEqualTo(start);
		assertThat(done(ent)).containsEntry("invite", start.plusDays(2)).containsEntry("reports", start.plusDays(6))
			.containsEntry("users", start.plusDays(8)).doesNotContainKey("kickoff").doesNotContainKey("export");
		assertThat(ent.progress()).isEqualTo(60);
		assertThat(ent.daysToFirstValue()).isEqualTo(6);
		assertThat(ent.daysToComplete()).isNull();
		// kickoff (due day 3) and the export (due day 5, only its first five days count) are overdue
		assertThat(ent.overdue()).isEqualTo(2);
		assertThat(ent.steps()).filteredOn(AccountOnboarding.Step::overdue).extracting(s -> s.milestone().key())
			.containsExactly("kickoff", "export");

		assertThat(onboarding.progress(ws.id(), "ob-smb").plan().key()).isEqualTo("smb");
		assertThat(onboarding.progress(ws.id(), "ob-free").plan().key()).isEqualTo("std");
		assertThatThrownBy(() -> onboarding.progress(ws.id(), "ob-none"))
			.isInstanceOf(io.kizuna.shared.NotFoundException.class);
	}

	@Test
	@Order(2)
	void eventsAcrossMidnightInTheWorkspaceZoneCountOnTheirTokyoDays() {
		AccountOnboarding mid = onboarding.progress(ws.id(), "ob-mid");
		assertThat(mid.plan().key()).isEqualTo("std");
		// the second export is after midnight in Tokyo: reached on day 5, though both are one UTC day
		assertThat(done(mid)).containsExactly(Map.entry("export-2", start.plusDays(5)));
		assertThat(mid.daysToFirstValue()).isEqualTo(5);
		assertThat(mid.daysToComplete()).isEqualTo(5);
		assertThat(mid.progress()).isEqualTo(100);
	}

	@Test
	@Order(3)
	void completionsAndOverdueMilestonesArePublishedInBatchesOnce() {
		List<MilestoneCompleted> completed = recorder.events.stream().filter(MilestoneCompleted.class::isInstance)
			.map(MilestoneCompleted.class::cast).filter(e -> e.workspaceId().equals(ws.id())).toList();
		List<MilestoneCompleted.Completion> all = completed.stream().flatMap(e -> e.completions().stream()).toList();
		long ent = accounts.account(ws.id(), "ob-ent").id();
		assertThat(all).filteredOn(c -> c.accountId() == ent).extracting(MilestoneCompleted.Completion::milestoneKey)
			.containsExactlyInAnyOrder("invite", "reports", "users");
		assertThat(all).filteredOn(c -> c.accountId() == ent && c.milestoneKey().equals("reports")).singleElement()
			.satisfies(c -> assertThat(c.firstValue()).isTrue());
		// one event carried several accounts' completions: batched per evaluation
		assertThat(completed).anySatisfy(e -> assertThat(e.completions()).hasSizeGreaterThan(1));
		List<MilestoneOverdue.Overdue> overdue = recorder.events.stream().filter(MilestoneOverdue.class::isInstance)
			.map(MilestoneOverdue.class::cast).filter(e -> e.workspaceId().equals(ws.id()))
			.flatMap(e -> e.milestones().stream()).toList();
		assertThat(overdue).filteredOn(o -> o.accountId() == ent).extracting(MilestoneOverdue.Overdue::milestoneKey)
			.containsExactlyInAnyOrder("kickoff", "export");
		int before = recorder.events.size();
		assertThat(onboarding.evaluate(ws.id())).isEqualTo(new OnboardingManagement.EvaluationResult(0, 0));
		assertThat(recorder.events.subList(before, recorder.events.size()))
			.noneMatch(e -> e instanceof MilestoneCompleted c && c.workspaceId().equals(ws.id())
					|| e instanceof MilestoneOverdue o && o.workspaceId().equals(ws.id()));
	}

	@Test
	@Order(4)
	void newUsageIsCountedByTheChangedPassOnly() {
		// ob-smb has a manual plan; ob-free (default plan) exports twice today, long after its ten-day window
		at("ob-free", "f1", today, "Export Downloaded");
		at("ob-free", "f1", today, "Export Downloaded");
		flush();
		onboarding.evaluateChanged(ws.id(), today, today);
		assertThat(done(onboarding.progress(ws.id(), "ob-free"))).isEmpty();
		// a change of plan counts from the start again: a 60-day window takes today's exports
		onboarding.savePlan(ws.id(), "std", new OnboardingPlan("std", "標準", "Standard", "default", null,
				List.of(event("export-2", "Export Downloaded", 2, 60, 10, true))));
		assertThat(done(onboarding.progress(ws.id(), "ob-free"))).containsExactly(Map.entry("export-2", today));
	}

	@Test
	@Order(5)
	void aMilestoneMarkedByHandCountsAndCanBeTakenBack() {
		AccountOnboarding marked = onboarding.markDone(ws.id(), "ob-ent", "kickoff", start.plusDays(5), null);
		assertThat(marked.steps()).filteredOn(s -> s.milestone().key().equals("kickoff")).singleElement()
			.satisfies(s -> {
				assertThat(s.completedOn()).isEqualTo(start.plusDays(5));
				assertThat(s.source()).isEqualTo("manual");
				assertThat(s.late()).isTrue();
			});
		assertThat(marked.progress()).isEqualTo(80);
		assertThat(marked.overdue()).isEqualTo(1);
		assertThatThrownBy(() -> onboarding.markDone(ws.id(), "ob-ent", "export", today.plusDays(1), null))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> onboarding.markDone(ws.id(), "ob-ent", "nope", today, null))
			.isInstanceOf(io.kizuna.shared.NotFoundException.class);
		AccountOnboarding all = onboarding.markDone(ws.id(), "ob-ent", "export", today, null);
		assertThat(all.progress()).isEqualTo(100);
		assertThat(all.daysToComplete()).isEqualTo(20);
		AccountOnboarding undone = onboarding.unmark(ws.id(), "ob-ent", "export");
		assertThat(undone.progress()).isEqualTo(80);
		// one reached from usage stays
		assertThat(onboarding.unmark(ws.id(), "ob-ent", "invite").progress()).isEqualTo(80);
	}

	@Test
	@Order(6)
	void onboardingStalledUsesThePlanWhereThereIsOneAndTheBuiltInRuleElsewhere() {
		scoring.recompute(ws.id(), today);
		// ob-ent: the export milestone is overdue (first value reached: medium), from the plan
		HealthSignal ent = stalled("ob-ent");
		assertThat(ent).isNotNull();
		assertThat(ent.severity()).isEqualTo("medium");
		assertThat(ent.evidence()).containsEntry("overdue_milestones", 1).containsKey("oldest_due");
		// ob-smb has no usage at all, which the built-in rule calls stalled, but its one milestone is not due yet
		assertThat(stalled("ob-smb")).isNull();
		// ob-mid completed its plan
		assertThat(stalled("ob-mid")).isNull();
		// without any plan for it (the default plan removed), ob-smb... keeps its tier plan; ob-none has no subscription
		onboarding.deletePlan(ws.id(), "smb");
		onboarding.savePlan(ws.id(), "std", new OnboardingPlan("std", "標準", "Standard", "tier", "mid-market",
				List.of(event("export-2", "Export Downloaded", 2, 60, 10, true))));
		scoring.recompute(ws.id(), today);
		HealthSignal builtIn = stalled("ob-smb");
		assertThat(builtIn).isNotNull();
		assertThat(builtIn.evidence()).containsKey("onboarding_days").doesNotContainKey("overdue_milestones");
	}

	@Test
	@Order(7)
	void segmentFieldsReadTheProgress() {
		assertThat(segments.preview(ws.id(), "onboarding.progress >= 80").first())
			.extracting(a -> a.externalId()).containsExactlyInAnyOrder("ob-ent", "ob-mid");
		assertThat(segments.preview(ws.id(), "onboarding.complete = true").first())
			.extracting(a -> a.externalId()).containsExactly("ob-mid");
		assertThat(segments.preview(ws.id(), "onboarding.overdue >= 1").first())
			.extracting(a -> a.externalId()).containsExactly("ob-ent");
		assertThat(segments.preview(ws.id(), "onboarding.days_to_first_value <= 5").first())
			.extracting(a -> a.externalId()).containsExactly("ob-mid");
	}

	@Test
	@Order(8)
	void restPlansProgressMarkAndCohortsWithLocalisedErrors() {
		TestHttp http = new TestHttp(port);
		HttpResponse<String> list = http.get("/api/v1/onboarding/plans", ws.apiToken());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"key\":\"ent\"", "\"kind\":\"event_count\"");
		HttpResponse<String> created = http.send("POST", "/api/v1/onboarding/plans", """
				{"key":"trial","nameJa":"トライアル","nameEn":"Trial","scope":"plan","scopeValue":"Trial",
				 "milestones":[{"key":"login","nameJa":"ログイン","nameEn":"Log in","kind":"active_users","count":1,
				 "withinDays":7,"dueDay":3,"firstValue":true}]}""", ws.apiToken());
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(http.get("/api/v1/onboarding/plans/trial/milestones", ws.apiToken()).body()).contains("\"login\"");
		HttpResponse<String> bad = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/onboarding/plans/trial"))
			.header("Authorization", "Bearer " + ws.apiToken())
			.header("Content-Type", "application/json")
			.header("Accept-Language", "ja")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
					{"key":"Trial!","nameJa":"","nameEn":"Trial","scope":"plan","scopeValue":"Trial",
					 "milestones":[{"key":"a","nameJa":"a","nameEn":"a","kind":"event_count","count":0,"withinDays":7,
					 "dueDay":3}]}""")));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("キー「Trial!」", "イベント名", "回数・人数");
		assertThat(http.send("PUT", "/api/v1/onboarding/plans/trial", "{\"kind\":\"teleport\"}", ws.apiToken()).statusCode())
			.isEqualTo(400);
		HttpResponse<String> progress = http.get("/api/v1/onboarding/accounts/ob-ent", ws.apiToken());
		assertThat(progress.statusCode()).isEqualTo(200);
		assertThat(progress.body()).contains("\"progress\":80", "\"daysToFirstValue\":6");
		HttpResponse<String> marked = http.send("POST", "/api/v1/onboarding/accounts/ob-ent/milestones/export/done",
				"{\"completedOn\":\"" + today + "\"}", ws.apiToken());
		assertThat(marked.statusCode()).isEqualTo(200);
		assertThat(marked.body()).contains("\"progress\":100");
		assertThat(http.send("DELETE", "/api/v1/onboarding/accounts/ob-ent/milestones/export/done", "", ws.apiToken())
			.body()).contains("\"progress\":80");
		assertThat(http.get("/api/v1/onboarding/accounts/ob-none", ws.apiToken()).statusCode()).isEqualTo(404);
		HttpResponse<String> cohorts = http.get("/api/v1/onboarding/cohorts?months=3", ws.apiToken());
		assertThat(cohorts.statusCode()).isEqualTo(200);
		assertThat(cohorts.body()).contains("\"planKey\":\"ent\"", "\"medianDaysToFirstValue\":6.0");
		assertThat(http.get("/api/v1/onboarding/cohorts?months=99", ws.apiToken()).statusCode()).isEqualTo(400);
		assertThat(http.send("DELETE", "/api/v1/onboarding/plans/trial", "", ws.apiToken()).statusCode()).isEqualTo(204);
		assertThat(http.get("/api/v1/onboarding/plans/trial", ws.apiToken()).statusCode()).isEqualTo(404);
	}

	@Test
	@Order(9)
	void cohortsCountCompletionAndMedianTimeToValue() {
		List<OnboardingCohort> cohorts = onboarding.cohorts(ws.id(), Locale.JAPANESE, 3);
		OnboardingCohort ent = cohorts.stream().filter(c -> c.planKey().equals("ent")).findFirst().orElseThrow();
		assertThat(ent.month()).isEqualTo(start.toString().substring(0, 7));
		assertThat(ent.planName()).isEqualTo("エンタープライズ");
		assertThat(ent.accounts()).isEqualTo(1);
		assertThat(ent.completed()).isZero();
		assertThat(ent.reachedFirstValue()).isEqualTo(1);
		assertThat(ent.medianDaysToFirstValue()).isEqualTo(6.0);
	}

	private HealthSignal stalled(String account) {
		AccountHealth h = health.accountHealth(ws.id(), account, Locale.JAPANESE);
		return h.signals().stream().filter(s -> s.kind().code().equals("onboarding_stalled")).findFirst().orElse(null);
	}

	private static Map<String, LocalDate> done(AccountOnboarding onboarding) {
		Map<String, LocalDate> done = new java.util.LinkedHashMap<>();
		onboarding.steps().stream().filter(AccountOnboarding.Step::done)
			.forEach(s -> done.put(s.milestone().key(), s.completedOn()));
		return done;
	}
}
