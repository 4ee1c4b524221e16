package io.kizuna.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retention matrices on a crafted history whose answers are worked out by hand. January: a1 (Basic 10,000, expands
 * to Pro 40,000 in February), a2 (Basic 10,000, cancels in February, won back at 10,000 in April), a3 (Pro 30,000,
 * contracts to 15,000 in March). February: b1 (5,000) and b2 (starts and cancels within the month, never paying at a
 * month end). March: c1 on trial, paying 8,000 from April; d1 with two subscriptions (3,000 and 2,000), the first
 * canceled in April: still one retained account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevenueCohortsIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	RevenueCohorts cohorts;

	WorkspaceId workspace;

	String token;

	static final YearMonth JAN = YearMonth.of(2026, 1);

	static final YearMonth APR = YearMonth.of(2026, 4);

	@BeforeEach
	void history() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("cohort-" + run, "Cohorts", "JPY", "Asia/Tokyo", "ja")).id();
		token = accessKeys.issueApiToken(workspace, "read", TokenScope.READ).secret();
		account("a1", "smb", "east");
		account("a2", "smb", "west");
		account("a3", "enterprise", "east");
		account("b1", "smb", null);
		account("b2", "smb", null);
		account("c1", "mid-market", null);
		account("d1", "mid-market", null);
		state("a1", "Basic", "2026-01-05", 10_000, "active");
		state("a1", "Pro", "2026-02-10", 40_000, "active");
		state("a2", "Basic", "2026-01-10", 10_000, "active");
		state("a2", "Basic", "2026-02-15", 10_000, "canceled");
		state("a2", "Basic", "2026-04-02", 10_000, "active");
		state("a3", "Pro", "2026-01-20", 30_000, "active");
		state("a3", "Pro", "2026-03-05", 15_000, "active");
		state("b1", "Basic", "2026-02-03", 5_000, "active");
		state("b2", "Basic", "2026-02-05", 5_000, "active");
		state("b2", "Basic", "2026-02-20", 5_000, "canceled");
		state("c1", "Basic", "2026-03-01", 0, "trial");
		state("c1", "Basic", "2026-04-01", 8_000, "active");
		state("d1", "Basic", "2026-03-03", 3_000, "active");
		accounts.saveSubscription(workspace, "sub-d1-addon", new SubscriptionDraft("d1", null, "Addon", 2_000L, "JPY",
				1, "active", LocalDate.parse("2026-03-10"), null, null, null, LocalDate.parse("2026-03-10")));
		state("d1", "Basic", "2026-04-05", 3_000, "canceled");
	}

	@Test
	void logoAndRevenueRetentionByHand() {
		List<Cohort> logo = cohorts.matrix(workspace, new CohortQuery(JAN, APR, CohortQuery.Measure.LOGO, null, null));
		assertThat(logo).extracting(Cohort::month).containsExactly(JAN, YearMonth.of(2026, 2), YearMonth.of(2026, 3),
				APR);
		Cohort january = logo.get(0);
		assertThat(january.accounts()).isEqualTo(3);
		assertThat(january.mrrMinor()).isEqualTo(50_000);
		assertThat(january.periods()).extracting(Cohort.Period::accounts).containsExactly(3, 2, 2, 3);
		assertThat(january.periods()).extracting(Cohort.Period::mrrMinor).containsExactly(50_000L, 70_000L, 55_000L,
				65_000L);
		assertThat(january.periods().get(1).retention()).isCloseTo(2 / 3.0, within(1e-12));
		assertThat(january.periods().get(3).retention()).as("the win-back counts again").isEqualTo(1.0);
		Cohort february = logo.get(1);
		assertThat(february.accounts()).as("b2 never paid at a month end").isEqualTo(1);
		assertThat(february.periods()).extracting(Cohort.Period::retention).containsExactly(1.0, 1.0, 1.0);
		Cohort march = logo.get(2);
		assertThat(march.accounts()).as("d1 once, with both subscriptions").isEqualTo(1);
		assertThat(march.mrrMinor()).isEqualTo(5_000);
		assertThat(march.periods()).extracting(Cohort.Period::retention).containsExactly(1.0, 1.0);
		assertThat(logo.get(3).accounts()).as("c1 joins when it starts paying, not on trial").isEqualTo(1);
		assertThat(logo.get(3).periods()).hasSize(1);

		List<Cohort> revenue = cohorts.matrix(workspace,
				new CohortQuery(JAN, APR, CohortQuery.Measure.REVENUE, null, null));
		assertThat(revenue.get(0).periods()).extracting(Cohort.Period::retention).containsExactly(1.0, 1.4, 1.1, 1.3);
		assertThat(revenue.get(2).periods()).extracting(Cohort.Period::retention).containsExactly(1.0, 0.4);
	}

	@Test
	void cohortsBreakDownByTierPlanAndAttribute() {
		List<Cohort> byTier = cohorts.matrix(workspace,
				new CohortQuery(JAN, APR, CohortQuery.Measure.REVENUE, CohortQuery.Breakdown.TIER, null));
		Cohort smb = find(byTier, JAN, "smb");
		assertThat(smb.accounts()).isEqualTo(2);
		assertThat(smb.periods()).extracting(Cohort.Period::mrrMinor).containsExactly(20_000L, 40_000L, 40_000L,
				50_000L);
		assertThat(smb.periods()).extracting(Cohort.Period::retention).containsExactly(1.0, 2.0, 2.0, 2.5);
		assertThat(find(byTier, JAN, "enterprise").periods()).extracting(Cohort.Period::retention)
			.containsExactly(1.0, 1.0, 0.5, 0.5);

		List<Cohort> byPlan = cohorts.matrix(workspace,
				new CohortQuery(JAN, APR, CohortQuery.Measure.LOGO, CohortQuery.Breakdown.PLAN, null));
		assertThat(find(byPlan, JAN, "Basic").accounts()).as("a1 counts under its first plan").isEqualTo(2);
		assertThat(find(byPlan, JAN, "Pro").accounts()).isEqualTo(1);

		List<Cohort> byRegion = cohorts.matrix(workspace,
				new CohortQuery(JAN, APR, CohortQuery.Measure.LOGO, CohortQuery.Breakdown.ATTRIBUTE, "region"));
		assertThat(find(byRegion, JAN, "west").periods()).extracting(Cohort.Period::retention)
			.containsExactly(1.0, 0.0, 0.0, 1.0);
		assertThat(find(byRegion, JAN, "east").accounts()).isEqualTo(2);
		assertThat(find(byRegion, YearMonth.of(2026, 2), null).accounts()).as("no region").isEqualTo(1);
	}

	@Test
	void restServesTheMatrixAndRefusesBadParameters() {
		TestHttp http = new TestHttp(port);
		HttpResponse<String> ok = http.get("/api/v1/revenue/cohorts?from=2026-01&to=2026-04&measure=revenue&by=tier",
				token);
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		JsonNode body = JsonMapper.builder().build().readTree(ok.body());
		assertThat(body.size()).as("January smb and enterprise, February smb, March and April mid-market").isEqualTo(5);
		assertThat(body.get(0).get("month").asString()).isEqualTo("2026-01");
		assertThat(body.toString()).contains("\"retention\":2.5");

		for (String bad : List.of("from=2026-13&to=2026-04", "from=2026-05&to=2026-04", "from=2026-01",
				"from=2026-01&to=2026-04&measure=seats", "from=2026-01&to=2026-04&by=owner",
				"from=2026-01&to=2026-04&by=attribute:", "from=2026-01&to=2026-04&by=attribute:x'%20or%201=1--",
				"from=2000-01&to=2026-04")) {
			HttpResponse<String> refused = http.get("/api/v1/revenue/cohorts?" + bad, token);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).as(bad).hasValue("application/problem+json");
		}
		assertThat(http.get("/api/v1/revenue/cohorts?from=2026-01&to=2026-04", "kzt_wrong").statusCode())
			.isEqualTo(401);
	}

	@Test
	void anotherWorkspaceSeesNoneOfIt() {
		WorkspaceId other = workspaces.create(new NewWorkspace("cohort-other-" + UUID.randomUUID().toString()
			.substring(0, 8), "Other", "JPY", "Asia/Tokyo", "ja")).id();
		assertThat(cohorts.matrix(other, new CohortQuery(JAN, APR, CohortQuery.Measure.LOGO, null, null))).isEmpty();
	}

	private static Cohort find(List<Cohort> cohorts, YearMonth month, String segment) {
		return cohorts.stream()
			.filter(c -> c.month().equals(month) && java.util.Objects.equals(c.segment(), segment))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cohort " + month + "/" + segment + " in " + cohorts));
	}

	private void account(String id, String tier, String region) {
		accounts.saveAccount(workspace, id, new AccountDraft(id, null, null, tier, null, null, null,
				region == null ? null : Map.of("region", region)));
	}

	private void state(String account, String plan, String day, long mrr, String status) {
		accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, null, plan, mrr, "JPY", 1,
				status, LocalDate.parse("2026-01-01"), null, null, null, LocalDate.parse(day)));
	}
}
