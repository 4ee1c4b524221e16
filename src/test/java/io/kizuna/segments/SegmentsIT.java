package io.kizuna.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kizuna.usage.PendingRollups;
import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.HealthScoring;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.shared.AccountId;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segments on real PostgreSQL: each field family, compiled SQL run against the published views, hostile values as
 * data, the REST API with its errors in both languages, cycles refused, membership following scoring runs and
 * account changes with one event per segment per evaluation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentsIT {

	static final List<SegmentMembershipChanged> EVENTS = new CopyOnWriteArrayList<>();

	@TestConfiguration
	static class Events {
		@Bean
		Object segmentEventRecorder() {
			return new Object() {
				@EventListener
				void on(SegmentMembershipChanged changed) {
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
	HealthScoring scoring;

	@Autowired
	SegmentManagement segments;

	@Autowired
	UsageRollups rollups;

	@Autowired
	JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	TestWorkspace ws;

	TestHttp http;

	LocalDate today;

	long csm;

	@BeforeAll
	void workspace() {
		http = new TestHttp(port);
		ws = TestWorkspace.create(workspaces, people, accessKeys, "segments", "en");
		today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		csm = people.createUser(ws.id(), "hanako@" + ws.slug() + ".test", "佐藤 花子", TestWorkspace.PASSWORD,
				io.kizuna.workspace.Role.CSM).id();
		account("ent-1", "株式会社アルファ", "enterprise", csm, Map.of("region", "kanto", "employees", 1200));
		account("ent-2", "Beta KK", "enterprise", null, Map.of("region", "kansai", "employees", 300));
		account("smb-1", "Gamma 100% Inc", "smb", csm, Map.of("region", "kanto"));
		account("smb-2", "'; drop table account; --", "smb", null, Map.of());
		subscribed("ent-1", "Enterprise", 500_000, 20, "active");
		subscribed("ent-2", "Enterprise", 300_000, 200, "past_due");
		subscribed("smb-1", "Starter", 20_000, 45, "active");
		// usage: two users of ent-1 active today, one Export event; one user of smb-1
		String now = ZonedDateTime.now(ZoneId.of("Asia/Tokyo")).toInstant().toString();
		track("u1", "ent-1", "Login", now, "m1");
		track("u2", "ent-1", "Export", now, "m2");
		track("u3", "smb-1", "Login", now, "m3");
		PendingRollups.awaitFolded(rollups, jdbc, ws.id());
		scoring.recompute(ws.id(), today);
	}

	private void account(String id, String name, String tier, Long owner, Map<String, Object> attributes) {
		accounts.saveAccount(ws.id(), id, new AccountDraft(name, null, "software", tier, owner, null, null, attributes));
	}

	private void subscribed(String account, String plan, long mrr, int renewsInDays, String status) {
		accounts.saveSubscription(ws.id(), "sub-" + account, new SubscriptionDraft(account, null, plan, mrr, "JPY", 10,
				status, today.minusDays(100), today.plusDays(renewsInDays), null, null, today.minusDays(100)));
	}

	private void track(String user, String group, String event, String at, String id) {
		assertThat(http.segment("/v1/group", """
				{"userId":"%s","groupId":"%s","messageId":"g-%s"}""".formatted(user, group, id), ws.writeKey())
			.statusCode()).isEqualTo(200);
		assertThat(http.segment("/v1/track", """
				{"userId":"%s","event":"%s","messageId":"%s","timestamp":"%s"}""".formatted(user, event, id, at),
				ws.writeKey()).statusCode()).isEqualTo(200);
	}

	List<String> matching(String definition) {
		SegmentPreview preview = segments.preview(ws.id(), definition);
		assertThat(preview.first()).hasSize((int) Math.min(preview.count(), 20));
		return preview.first().stream().map(SegmentAccount::externalId).sorted().toList();
	}

	@Test
	void accountFieldsAndCustomAttributes() {
		assertThat(matching("tier = \"enterprise\"")).containsExactly("ent-1", "ent-2");
		assertThat(matching("tier != \"enterprise\"")).containsExactly("smb-1", "smb-2");
		assertThat(matching("name contains \"アルファ\" or name contains \"beta\"")).containsExactly("ent-1", "ent-2");
		assertThat(matching("owner.name = \"佐藤 花子\"")).containsExactly("ent-1", "smb-1");
		assertThat(matching("owner is empty")).containsExactly("ent-2", "smb-2");
		assertThat(matching("attributes.region = \"kanto\"")).containsExactly("ent-1", "smb-1");
		assertThat(matching("attributes.employees >= 500")).containsExactly("ent-1");
		assertThat(matching("attributes.region is empty")).containsExactly("smb-2");
		assertThat(matching("created_on >= " + today.minusDays(1))).hasSize(4);
	}

	@Test
	void aCustomAttributeNoAccountHasMatchesNothingAndSaysSo() {
		SegmentPreview preview = segments.preview(ws.id(), "attributes.colour = \"blue\" or tier = \"smb\"");
		assertThat(preview.unknownAttributes()).containsExactly("colour");
		assertThat(preview.count()).isEqualTo(2);
		assertThat(segments.preview(ws.id(), "not attributes.colour = \"blue\"").count()).isZero();
	}

	@Test
	void hostileValuesAreData() {
		assertThat(matching("name = \"'; drop table account; --\"")).containsExactly("smb-2");
		assertThat(matching("name contains \"%\"")).containsExactly("smb-1");
		assertThat(matching("name contains \"_\"")).isEmpty();
		assertThat(matching("attributes.region = \"' or '1'='1\"")).isEmpty();
		assertThat(jdbc.sql("select count(*) from account where workspace_id = ?").param(ws.id().value())
			.query(Long.class).single()).isEqualTo(4);
	}

	@Test
	void subscriptionFields() {
		assertThat(matching("subscription.plan = \"Enterprise\"")).containsExactly("ent-1", "ent-2");
		assertThat(matching("subscription.status = \"past_due\"")).containsExactly("ent-2");
		assertThat(matching("subscription.arr >= 6000000")).containsExactly("ent-1");
		assertThat(matching("subscription.mrr > 10000 and subscription.mrr < 400000")).containsExactly("ent-2", "smb-1");
		assertThat(matching("subscription.days_to_renewal <= 45")).containsExactly("ent-1", "smb-1");
		assertThat(matching("subscription.renewal_on = " + today.plusDays(20))).containsExactly("ent-1");
		assertThat(matching("subscription.seats = 10")).containsExactly("ent-1", "ent-2", "smb-1");
		assertThat(matching("subscription.status is empty")).containsExactly("smb-2");
	}

	@Test
	void healthAndUsageFields() {
		// smb-2 has no subscription, so no score
		assertThat(matching("health.score is not empty")).containsExactly("ent-1", "ent-2", "smb-1");
		List<String> red = jdbc.sql("""
				select a.external_id from health_v_account_status s join accounts_v_account a using (workspace_id, account_id)
				where s.workspace_id = ? and s.band = 'red' order by 1""").param(ws.id().value()).query(String.class).list();
		assertThat(matching("health.band = \"red\"")).containsExactlyElementsOf(red);
		assertThat(matching("health.band in (\"red\", \"yellow\", \"green\")")).hasSize(3);
		assertThat(matching("usage.active_users_30d >= 2")).containsExactly("ent-1");
		assertThat(matching("usage.active_users_7d = 1")).containsExactly("smb-1");
		assertThat(matching("usage.active_days_30d = 0")).containsExactly("ent-2", "smb-2");
		assertThat(matching("usage.event_count_30d(\"Export\") >= 1")).containsExactly("ent-1");
		assertThat(matching("usage.feature_used_90d(\"Login\") = true")).containsExactly("ent-1", "smb-1");
		assertThat(matching("usage.days_since_active = 0")).containsExactly("ent-1", "smb-1");
		assertThat(matching("health.open_signals >= 0")).hasSize(4);
		assertThat(matching("health.trend_7d is empty")).hasSize(4);
		assertThat(matching("tier = \"enterprise\" and health.band in (\"red\", \"yellow\", \"green\")"
				+ " and usage.active_users_30d < 3")).containsExactly("ent-1", "ent-2");
		assertThat(matching("health.band is empty")).containsExactly("smb-2");
	}

	@Test
	void membershipIsStoredWithItsHistoryAndFollowsAccountChanges() {
		EVENTS.clear();
		Segment kanto = segments.create(ws.id(), new SegmentDraft("kanto", "Kanto", "attributes.region = 'kanto'"));
		assertThat(kanto.memberCount()).isEqualTo(2);
		assertThat(kanto.definition()).isEqualTo("attributes.region = \"kanto\"");
		assertThat(segments.members(ws.id(), "kanto", 0, 50).items()).extracting(SegmentAccount::externalId)
			.containsExactlyInAnyOrder("ent-1", "smb-1");
		assertThat(EVENTS).singleElement().satisfies(e -> {
			assertThat(e.segmentKey()).isEqualTo("kanto");
			assertThat(e.reason()).isEqualTo(EvaluationReason.CREATED);
			assertThat(e.entered()).hasSize(2);
			assertThat(e.exited()).isEmpty();
		});
		// an account moves to Kanto, another leaves: one event carries both
		EVENTS.clear();
		account("ent-2", "Beta KK", "enterprise", null, Map.of("region", "kanto"));
		await().atMost(Duration.ofSeconds(20)).until(() -> segments.get(ws.id(), "kanto").memberCount() == 3);
		account("smb-1", "Gamma 100% Inc", "smb", csm, Map.of("region", "tohoku"));
		await().atMost(Duration.ofSeconds(20)).until(() -> segments.get(ws.id(), "kanto").memberCount() == 2);
		List<MembershipChange> changes = segments.changes(ws.id(), "kanto", 50);
		// smb-1's exit is recorded once, by whichever evaluation saw it first: its own change, or a scoring run that
		// started meanwhile (both evaluate every segment)
		assertThat(changes).extracting(c -> c.accountExternalId() + ":" + c.entered() + ":"
				+ (c.entered() ? c.reason().code() : c.reason().code().replace("scored", "account_changed")))
			.containsExactlyInAnyOrder("ent-1:true:created", "smb-1:true:created", "ent-2:true:account_changed",
					"smb-1:false:account_changed");
		assertThat(EVENTS).filteredOn(e -> e.segmentKey().equals("kanto")).hasSize(2);
		assertThat(segments.sizes(ws.id(), "kanto", today.minusDays(1))).singleElement()
			.satisfies(s -> assertThat(s.members()).isEqualTo(2));
		// a scoring run re-evaluates every segment; nothing changed, so no event
		EVENTS.clear();
		segments.create(ws.id(), new SegmentDraft("kanto-enterprise", "Kanto enterprise",
				"segment = \"kanto\" and tier = \"enterprise\""));
		assertThat(segments.get(ws.id(), "kanto-enterprise").memberCount()).isEqualTo(2);
		account("ent-2", "Beta KK", "enterprise", null, Map.of("region", "kansai", "employees", 300));
		account("smb-1", "Gamma 100% Inc", "smb", csm, Map.of("region", "kanto"));
		await().atMost(Duration.ofSeconds(20)).until(() -> segments.get(ws.id(), "kanto-enterprise").memberCount() == 1);
		EVENTS.clear();
		scoring.recompute(ws.id(), today);
		await().atMost(Duration.ofSeconds(20)).until(() -> segments.get(ws.id(), "kanto").evaluatedAt() != null
				&& jdbc.sql("select count(*) from event_publication where completion_date is null and event_type like '%WorkspaceRescored'")
					.query(Long.class).single() == 0);
		assertThat(EVENTS).isEmpty();
		assertThat(segments.get(ws.id(), "kanto").memberCount()).isEqualTo(2);
		segments.delete(ws.id(), "kanto-enterprise");
		segments.delete(ws.id(), "kanto");
	}

	@Test
	void reEvaluatingEverySegmentReadsTheSharedSourcesOnceAndMatchesWhatEachPreviewMatches() {
		// every pair below shares a source (subscriptions, health, the 30-day window, the Export count), so a
		// whole-workspace re-evaluation computes those once into tables of its transaction (ADR 0125)
		Map<String, String> definitions = new java.util.LinkedHashMap<>();
		definitions.put("re-arr", "subscription.arr >= 3000000 and subscription.status in (\"active\", \"past_due\")");
		definitions.put("re-renewal", "subscription.renewal_on <= " + today.plusDays(50) + " or subscription.seats > 100");
		definitions.put("re-users", "tier = \"enterprise\" and usage.active_users_30d >= 2");
		definitions.put("re-idle", "usage.active_days_30d = 0 and health.score is not empty");
		definitions.put("re-signals", "health.signals contains \"paying_idle\" or health.band in (\"red\", \"yellow\")");
		definitions.put("re-export", "usage.event_count_30d(\"Export\") >= 1");
		definitions.put("re-export-ent", "usage.event_count_30d(\"Export\") >= 1 and tier = \"enterprise\"");
		Map<String, List<String>> previewed = new java.util.LinkedHashMap<>();
		definitions.forEach((key, definition) -> {
			segments.create(ws.id(), new SegmentDraft(key, key, definition));
			previewed.put(key, matching(definition));
		});
		jdbc.sql("delete from segment_member where workspace_id = ? and segment_id in (select segment_id from segment"
				+ " where workspace_id = ? and key like 're-%')").params(ws.id().value(), ws.id().value()).update();
		EVENTS.clear();
		segments.evaluateAll(ws.id(), EvaluationReason.SCORED, null);
		try {
			assertThat(previewed.get("re-users")).containsExactly("ent-1");
			assertThat(previewed.get("re-export-ent")).containsExactly("ent-1");
			assertThat(previewed.get("re-idle")).containsExactly("ent-2");
			previewed.forEach((key, expected) -> assertThat(segments.members(ws.id(), key, 0, 50).items())
				.as(key).extracting(SegmentAccount::externalId).containsExactlyInAnyOrderElementsOf(expected));
			// one event per segment that gained members, none per account
			assertThat(EVENTS).filteredOn(e -> e.segmentKey().startsWith("re-") && e.reason() == EvaluationReason.SCORED)
				.extracting(SegmentMembershipChanged::segmentKey).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(previewed.entrySet().stream().filter(e -> !e.getValue().isEmpty())
					.map(Map.Entry::getKey).toList());
		}
		finally {
			definitions.keySet().forEach(key -> segments.delete(ws.id(), key));
		}
	}

	@Test
	void aSegmentReferringToItselfIsRefused() {
		segments.create(ws.id(), new SegmentDraft("loop-a", "A", "tier = \"smb\""));
		segments.create(ws.id(), new SegmentDraft("loop-b", "B", "segment = \"loop-a\""));
		assertThatThrownBy(() -> segments.update(ws.id(), "loop-a", new SegmentDraft(null, null, "segment = \"loop-b\"")))
			.isInstanceOfSatisfying(FilterException.class, ex -> {
				assertThat(ex.code()).isEqualTo("cycle");
				assertThat(ex.arguments()).containsExactly("loop-a → loop-b → loop-a");
			});
		assertThatThrownBy(() -> segments.update(ws.id(), "loop-b", new SegmentDraft(null, null, "segment = \"loop-b\"")))
			.isInstanceOfSatisfying(FilterException.class, ex -> assertThat(ex.code()).isEqualTo("cycle"));
		assertThatThrownBy(() -> segments.delete(ws.id(), "loop-a")).hasMessageContaining("loop-b");
		segments.delete(ws.id(), "loop-b");
		segments.delete(ws.id(), "loop-a");
	}

	@Test
	void theRestApiEvaluatesSavesAndExplainsErrorsInTheCallersLanguage() throws Exception {
		HttpResponse<String> preview = http.send("POST", "/api/v1/segments/evaluate",
				"{\"definition\":\"tier = 'enterprise'\"}", ws.apiToken());
		assertThat(preview.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(preview.body());
		assertThat(body.get("count").asLong()).isEqualTo(2);
		assertThat(body.get("definition").asString()).isEqualTo("tier = \"enterprise\"");

		HttpResponse<String> syntax = localized("ja", "{\"definition\":\"tier = \\\"a\\\" and and\"}");
		assertThat(syntax.statusCode()).isEqualTo(400);
		assertThat(syntax.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		JsonNode problem = json.readTree(syntax.body());
		assertThat(problem.get("position").asInt()).isEqualTo(16);
		assertThat(problem.get("detail").asString()).isEqualTo("16文字目: ここに「and」は書けません。");
		assertThat(json.readTree(localized("en", "{\"definition\":\"tier > 3\"}").body()).get("detail").asString())
			.isEqualTo("At character 1: tier is text: \">\" compares numbers, amounts and dates. Use = , in or contains.");
		assertThat(json.readTree(localized("en", "{\"definition\":\"helth.band = 'red'\"}").body()).get("detail")
			.asString()).contains("There is no field \"helth.band\"");

		HttpResponse<String> created = http.send("POST", "/api/v1/segments",
				"{\"key\":\"api-ent\",\"name\":\"Enterprise\",\"definition\":\"tier = 'enterprise'\"}", ws.apiToken());
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(http.get("/api/v1/segments/api-ent/members", ws.apiToken()).body()).contains("ent-1", "ent-2");
		assertThat(http.send("PUT", "/api/v1/segments/api-ent", "{\"definition\":\"tier = 'smb'\"}", ws.apiToken())
			.statusCode()).isEqualTo(200);
		assertThat(http.get("/api/v1/segments/api-ent/changes", ws.apiToken()).body()).contains("\"edited\"");
		assertThat(http.get("/api/v1/segments/api-ent/sizes", ws.apiToken()).body()).contains("\"members\":2");
		assertThat(http.send("POST", "/api/v1/segments",
				"{\"key\":\"api-ent\",\"name\":\"Again\",\"definition\":\"tier = 'a'\"}", ws.apiToken()).statusCode())
			.isEqualTo(409);
		assertThat(http.send("POST", "/api/v1/segments",
				"{\"key\":\"Bad Key\",\"name\":\"x\",\"definition\":\"tier = 'a'\"}", ws.apiToken()).statusCode())
			.isEqualTo(400);
		assertThat(http.get("/api/v1/segments/fields", ws.apiToken()).body()).contains("usage.active_users_30d",
				"health.band");
		assertThat(http.send("DELETE", "/api/v1/segments/api-ent", "", ws.apiToken()).statusCode()).isEqualTo(204);
		assertThat(http.get("/api/v1/segments/api-ent", ws.apiToken()).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> localized(String language, String body) {
		return http.send(HttpRequest.newBuilder(URI.create(http.url("/api/v1/segments/evaluate")))
			.header("Authorization", "Bearer " + ws.apiToken()).header("Content-Type", "application/json")
			.header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	static List<Long> ids(List<AccountId> accounts) {
		return accounts.stream().map(AccountId::value).toList();
	}
}
