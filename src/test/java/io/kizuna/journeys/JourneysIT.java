package io.kizuna.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportReport;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Journeys on real PostgreSQL: default stages, rules in the filter language with their history and one StageChanged
 * per evaluation, hand changes held from the rules, the accounts column kept in step, removing a stage in use, the
 * stage-history import, the lifecycle segment fields, the journey data and the REST API's errors in both languages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneysIT {

	static final List<StageChanged> EVENTS = new CopyOnWriteArrayList<>();

	@TestConfiguration
	static class Events {
		@Bean
		Object stageEventRecorder() {
			return new Object() {
				@EventListener
				void on(StageChanged changed) {
					EVENTS.add(changed);
				}
			};
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
	JourneyManagement journeys;

	@Autowired
	SegmentManagement segments;

	@Autowired
	CsvImport imports;

	final JsonMapper json = JsonMapper.builder().build();

	TestWorkspace ws;

	TestHttp http;

	LocalDate today;

	long csm;

	@BeforeAll
	void workspace() {
		http = new TestHttp(port);
		ws = TestWorkspace.create(workspaces, people, accessKeys, "journeys", "en");
		today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		csm = people.createUser(ws.id(), "hanako@" + ws.slug() + ".test", "佐藤 花子", TestWorkspace.PASSWORD,
				io.kizuna.workspace.Role.CSM).id();
		for (String id : List.of("a-1", "a-2", "a-3")) {
			accounts.saveAccount(ws.id(), id, new AccountDraft("Account " + id, null, null, "smb", null, "onboarding", null, null));
		}
		accounts.saveSubscription(ws.id(), "s-1", new SubscriptionDraft("a-1", null, "Starter", 10_000L, "JPY", 5, "active",
				today.minusDays(100), today.plusDays(200), null, null, today.minusDays(100)));
		accounts.saveSubscription(ws.id(), "s-2", new SubscriptionDraft("a-2", null, "Starter", 10_000L, "JPY", 5, "canceled",
				today.minusDays(100), today.plusDays(200), today.minusDays(1), "price", today.minusDays(100)));
	}

	@BeforeEach
	void clear() {
		EVENTS.clear();
	}

	private List<String> codes() {
		return journeys.stages(ws.id()).stream().map(Stage::code).toList();
	}

	@Test
	void defaultStagesInBothLanguagesInOrder() {
		List<Stage> stages = journeys.stages(ws.id());
		assertThat(stages.stream().map(Stage::code)).containsSubsequence("onboarding", "adopting", "expansion", "renewal",
				"at_risk", "churned");
		Stage atRisk = journeys.stage(ws.id(), "at_risk");
		assertThat(atRisk.labelJa()).isEqualTo("リスクあり");
		assertThat(atRisk.labelEn()).isEqualTo("At risk");
		// the stage list is the accounts vocabulary: an account may be given the new stage there too
		assertThat(accounts.lifecycleStages(ws.id()).contains("expansion")).isTrue();
	}

	@Test
	void rulesSetStagesRecordHistoryAndPublishOneEventPerEvaluation() {
		journeys.setStage(ws.id(), "a-3", "onboarding", null, false);
		journeys.release(ws.id(), "a-3");
		EVENTS.clear();
		List<StageRule> rules = journeys.saveRules(ws.id(), List.of(
				new JourneyManagement.RuleDraft("subscription.status = \"canceled\"", "churned"),
				new JourneyManagement.RuleDraft("subscription.status in (\"active\", \"canceled\")", "adopting")));
		assertThat(rules).hasSize(2);
		assertThat(journeys.accountStage(ws.id(), "a-2").stage()).isEqualTo("churned");
		assertThat(journeys.accountStage(ws.id(), "a-1").stage()).isEqualTo("adopting");
		assertThat(journeys.accountStage(ws.id(), "a-3").stage()).isEqualTo("onboarding");
		// the accounts' own column follows, through the accounts facade
		assertThat(accounts.account(ws.id(), "a-2").lifecycleStage()).isEqualTo("churned");
		assertThat(accounts.account(ws.id(), "a-1").lifecycleStage()).isEqualTo("adopting");
		List<StageChanged> ours = EVENTS.stream().filter(e -> e.workspaceId().equals(ws.id())).toList();
		assertThat(ours).hasSize(1);
		assertThat(ours.get(0).changes()).extracting(StageChanged.Change::toStage).containsExactlyInAnyOrder("churned",
				"adopting");
		assertThat(ours.get(0).changes()).allMatch(c -> c.source() == ChangeSource.RULE && c.ruleId() != null);
		StageChange last = journeys.history(ws.id(), "a-2", 10).get(0);
		assertThat(last.fromStage()).isEqualTo("onboarding");
		assertThat(last.toStage()).isEqualTo("churned");
		assertThat(last.source()).isEqualTo(ChangeSource.RULE);
		assertThat(last.ruleId()).isEqualTo(rules.get(0).id());
		// evaluating again changes nothing and publishes nothing
		EVENTS.clear();
		assertThat(journeys.evaluate(ws.id(), null, false)).isEmpty();
		assertThat(EVENTS.stream().filter(e -> e.workspaceId().equals(ws.id()))).isEmpty();

		// by hand, held: the rules leave it; released: the rules move it back
		journeys.setStage(ws.id(), "a-1", "expansion", csm, true);
		assertThat(journeys.evaluate(ws.id(), null, false)).isEmpty();
		assertThat(journeys.accountStage(ws.id(), "a-1").stage()).isEqualTo("expansion");
		StageChange manual = journeys.history(ws.id(), "a-1", 10).get(0);
		assertThat(manual.source()).isEqualTo(ChangeSource.MANUAL);
		assertThat(manual.userName()).isEqualTo("佐藤 花子");
		journeys.release(ws.id(), "a-1");
		assertThat(journeys.accountStage(ws.id(), "a-1").stage()).isEqualTo("adopting");

		// a change on the account itself is recorded as such
		accounts.updateAccount(ws.id(), "a-3", new AccountDraft(null, null, null, null, null, "renewal", null, null));
		journeys.evaluate(ws.id(), List.of(new AccountId(accounts.account(ws.id(), "a-3").id())), true);
		StageChange edited = journeys.history(ws.id(), "a-3", 10).get(0);
		assertThat(edited.toStage()).isEqualTo("renewal");
		assertThat(edited.source()).isEqualTo(ChangeSource.ACCOUNT);

		// the lifecycle fields in the segment language
		long a1 = accounts.account(ws.id(), "a-1").id();
		assertThat(segments.matchingAccounts(ws.id(), "lifecycle.stage = \"adopting\" and lifecycle.days_in_stage < 1",
				null)).contains(a1);
		journeys.saveRules(ws.id(), List.of());
	}

	@Test
	void badRulesAndStagesAreRefused() {
		assertThatThrownBy(() -> journeys.saveRules(ws.id(),
				List.of(new JourneyManagement.RuleDraft("tier > 3", "churned")))).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> journeys.saveRules(ws.id(),
				List.of(new JourneyManagement.RuleDraft("tier = \"smb\"", "nope")))).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> journeys.setStage(ws.id(), "a-1", "nope", null, true))
			.isInstanceOf(InvalidInputException.class);
		HttpResponse<String> en = http.send(HttpRequest.newBuilder(java.net.URI.create(http.url("/api/v1/journeys/rules")))
			.header("Authorization", "Bearer " + ws.apiToken()).header("Content-Type", "application/json")
			.header("Accept-Language", "ja")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"rules\":[{\"definition\":\"tier = \",\"stage\":\"churned\"}]}")));
		assertThat(en.statusCode()).isEqualTo(400);
		assertThat(json.readTree(en.body()).path("detail").asString()).containsPattern("[ぁ-んァ-ン一-龥]");
		HttpResponse<String> period = http.get("/api/v1/journeys/journey?from=2026-05-01&to=2026-01-01", ws.apiToken());
		assertThat(period.statusCode()).isEqualTo(400);
		assertThat(json.readTree(period.body()).path("detail").asString()).contains("3年");
	}

	@Test
	void removingAStageInUseNeedsWhereItsAccountsGo() {
		journeys.addStage(ws.id(), "pilot", "トライアル", "Pilot", 14);
		accounts.saveAccount(ws.id(), "p-1", new AccountDraft("Pilot KK", null, null, "smb", null, null, null, null));
		journeys.setStage(ws.id(), "p-1", "pilot", csm, true);
		assertThatThrownBy(() -> journeys.removeStage(ws.id(), "pilot", null, csm)).isInstanceOf(ConflictException.class);
		journeys.removeStage(ws.id(), "pilot", "onboarding", csm);
		assertThat(codes()).doesNotContain("pilot");
		assertThat(journeys.accountStage(ws.id(), "p-1").stage()).isEqualTo("onboarding");
		assertThat(accounts.account(ws.id(), "p-1").lifecycleStage()).isEqualTo("onboarding");
		assertThat(journeys.history(ws.id(), "p-1", 10).get(0).source()).isEqualTo(ChangeSource.REMOVED);
		// the REST answer for a stage in use
		journeys.addStage(ws.id(), "pilot", "トライアル", "Pilot", null);
		journeys.setStage(ws.id(), "p-1", "pilot", csm, true);
		HttpResponse<String> refused = http.send("DELETE", "/api/v1/journeys/stages/pilot", "", ws.apiToken());
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(http.send("DELETE", "/api/v1/journeys/stages/pilot?moveTo=onboarding", "", ws.apiToken())
			.statusCode()).isEqualTo(204);
	}

	@Test
	void stageHistoryImportsOnceAndLinksEntries() throws Exception {
		accounts.saveAccount(ws.id(), "i-1", new AccountDraft("Import KK", null, null, "enterprise", null, null, null, null));
		LocalDate d1 = today.minusDays(200);
		LocalDate d2 = today.minusDays(120);
		String csv = "account_external_id,stage,entered_at\n" + "i-1,onboarding," + d1 + "\n" + "i-1,adopting," + d2
				+ "\n" + "nobody,adopting," + d2 + "\n" + "i-1,nope," + d2 + "\n";
		ImportReport first = imports.importCsv(ws.id(), "stage_history",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null, null);
		assertThat(first.imported()).isEqualTo(2);
		assertThat(first.rejected()).isEqualTo(2);
		ImportReport again = imports.importCsv(ws.id(), "stage_history",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null, null);
		assertThat(again.imported()).isZero();
		assertThat(again.duplicates()).isEqualTo(2);
		List<StageChange> history = journeys.history(ws.id(), "i-1", 10);
		assertThat(history).extracting(StageChange::toStage).containsExactly("adopting", "onboarding");
		assertThat(history.get(0).fromStage()).isEqualTo("onboarding");
		assertThat(journeys.accountStage(ws.id(), "i-1").stage()).isEqualTo("adopting");
		assertThat(accounts.account(ws.id(), "i-1").lifecycleStage()).isEqualTo("adopting");
		assertThat(journeys.accountStage(ws.id(), "i-1").enteredAt())
			.isEqualTo(d2.atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());

		// the journey over the period: a Sankey link by step, the pair, and the stay's length
		Journey journey = journeys.journey(ws.id(), new JourneyQuery(today.minusDays(365), today, null, "enterprise", null));
		assertThat(journey.links()).anyMatch(l -> l.from().equals("onboarding") && l.to().equals("adopting"));
		assertThat(journey.transitions()).anyMatch(t -> t.from().equals("onboarding") && t.to().equals("adopting"));
		assertThat(journey.times()).anyMatch(t -> t.stage().equals("onboarding") && t.medianDays() >= 79.9
				&& t.medianDays() <= 80.1);
		HttpResponse<String> api = http.get("/api/v1/journeys/journey", ws.apiToken());
		assertThat(api.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(api.body());
		assertThat(body.path("links").isArray()).isTrue();
		assertThat(body.path("transitions").size()).isPositive();
	}

	@Test
	void accountStageOverRest() {
		HttpResponse<String> set = http.send("PUT", "/api/v1/journeys/accounts/a-3/stage", "{\"stage\":\"renewal\"}",
				ws.apiToken());
		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(json.readTree(set.body()).path("held").asBoolean()).isTrue();
		HttpResponse<String> history = http.get("/api/v1/journeys/accounts/a-3/history", ws.apiToken());
		assertThat(history.statusCode()).isEqualTo(200);
		assertThat(http.get("/api/v1/journeys/accounts/missing/stage", ws.apiToken()).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/journeys/stages", ws.apiToken()).body()).contains("at_risk");
		Instant since = journeys.accountStage(ws.id(), "a-3").enteredAt();
		assertThat(since).isBefore(Instant.now().plus(1, ChronoUnit.MINUTES));
		assertThat(Map.of()).isEmpty();
	}
}
