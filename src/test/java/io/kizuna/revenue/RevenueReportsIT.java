package io.kizuna.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Kept revenue answers: served again until the subscriptions change, never out of date after a committed change,
 * and recomputed in the background so that the next view is served at once.
 */
@SpringBootTest
class RevenueReportsIT {

	static final YearMonth JAN = YearMonth.of(2026, 1);

	static final YearMonth MAR = YearMonth.of(2026, 3);

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	RevenueReports reports;

	@Autowired
	RevenueCohorts cohorts;

	@Autowired
	MrrMovements movements;

	@Autowired
	io.kizuna.health.HealthScoring scoring;

	WorkspaceId workspace;

	@BeforeEach
	void history() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("reports-" + run, "Reports", "JPY", "Asia/Tokyo", "ja")).id();
		for (String id : List.of("a1", "a2")) {
			accounts.saveAccount(workspace, id, new AccountDraft(id, null, null, "smb", null, null, null, null));
		}
		state("a1", "2026-01-05", 10_000, "active");
		state("a2", "2026-01-10", 20_000, "active");
	}

	@Test
	void anAnswerIsKeptUntilTheSubscriptionsChangeAndNeverServedOutOfDate() {
		CohortQuery query = new CohortQuery(JAN, MAR, CohortQuery.Measure.REVENUE, null, null);
		List<Cohort> first = reports.cohorts(workspace, query);
		assertThat(first).isEqualTo(cohorts.matrix(workspace, query));
		assertThat(reports.isCurrent(workspace, query)).isTrue();
		assertThat(reports.cohorts(workspace, query)).as("served from the kept answer").isSameAs(first);
		assertThat(first.get(0).periods()).extracting(Cohort.Period::mrrMinor).containsExactly(30_000L, 30_000L, 30_000L);

		state("a2", "2026-02-15", 20_000, "canceled");

		assertThat(reports.cohorts(workspace, query)).as("the change shows on the very next read")
			.isNotSameAs(first)
			.isEqualTo(cohorts.matrix(workspace, query));
		assertThat(reports.cohorts(workspace, query).get(0).periods()).extracting(Cohort.Period::mrrMinor)
			.containsExactly(30_000L, 10_000L, 10_000L);
	}

	@Test
	void afterAChangeTheKeptAnswersAreRecomputedInTheBackground() {
		List<MrrMonth> before = reports.monthly(workspace, JAN, MAR);
		assertThat(before).isEqualTo(movements.monthly(workspace, JAN, MAR));
		Object query = RevenueReports.monthlyQuery(JAN, MAR);

		state("a1", "2026-03-02", 25_000, "active");
		assertThat(reports.isCurrent(workspace, query)).as("out of date once the change is committed").isFalse();

		await().atMost(Duration.ofSeconds(20)).until(() -> reports.isCurrent(workspace, query));
		List<MrrMonth> after = reports.monthly(workspace, JAN, MAR);
		assertThat(after).isEqualTo(movements.monthly(workspace, JAN, MAR)).isNotEqualTo(before);
		assertThat(after.get(2).expansionMinor()).isEqualTo(15_000);
	}

	@Test
	void renewalsAndTheForecastAreKeptUntilTheSubscriptionsChangeOrTheAccountsAreScored() {
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
		accounts.saveSubscription(workspace, "sub-a1", new SubscriptionDraft("a1", null, null, 10_000L, null, null,
				"active", null, today.plusDays(20), null, null, today));
		List<Renewal> first = reports.upcomingRenewals(workspace, today, 90);
		assertThat(first).extracting(Renewal::accountExternalId).containsExactly("a1");
		assertThat(first.get(0).healthBand()).as("not scored yet").isNull();
		assertThat(reports.upcomingRenewals(workspace, today, 90)).as("kept").isSameAs(first);
		RenewalForecast forecast = reports.renewalForecast(workspace, today, 3);
		assertThat(reports.renewalForecast(workspace, today, 3)).isSameAs(forecast);

		scoring.recompute(workspace, today);
		List<Renewal> scored = reports.upcomingRenewals(workspace, today, 90);
		assertThat(scored).as("a scoring run shows on the next read").isNotSameAs(first);
		assertThat(scored.get(0).healthBand()).isIn("red", "yellow", "green");
		assertThat(reports.renewalForecast(workspace, today, 3)).isNotSameAs(forecast);

		accounts.saveSubscription(workspace, "sub-a2", new SubscriptionDraft("a2", null, null, 20_000L, null, null,
				"active", null, today.plusDays(40), null, null, today));
		assertThat(reports.upcomingRenewals(workspace, today, 90)).as("a subscription change shows on the next read")
			.extracting(Renewal::accountExternalId)
			.containsExactly("a1", "a2");
	}

	private void state(String account, String day, long mrr, String status) {
		accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, null, "Basic", mrr, "JPY",
				1, status, LocalDate.parse("2026-01-01"), null, null, null, LocalDate.parse(day)));
	}
}
