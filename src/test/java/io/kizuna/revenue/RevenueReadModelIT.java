package io.kizuna.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The revenue read model (ADR 0017) gives the same MRR movements and cohort matrices as computing them straight from
 * the subscription history ({@link RevenueOracle}), on random histories with every kind of change — upgrades,
 * downgrades, cancellations and win-backs in one month, trials, second subscriptions, two currencies, changes
 * recorded out of order and in the future, subscriptions moved between accounts — and stays right as the history
 * changes after it was read, whoever writes the change.
 */
@SpringBootTest
class RevenueReadModelIT {

	static final String[] PLANS = { "Basic", "Pro", "Enterprise" };

	static final String[] STATUSES = { "active", "active", "active", "canceled", "past_due", "trial" };

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MrrMovements movements;

	@Autowired
	RevenueCohorts cohorts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void sameAnswersAsTheHistoryOnRandomHistoriesAsTheyChange() {
		WorkspaceId workspace = workspace();
		SplittableRandom random = new SplittableRandom(20261201);
		LocalDate start = LocalDate.of(2024, 1, 1);
		for (int i = 0; i < 40; i++) {
			accounts.saveAccount(workspace, "acct-" + i, new AccountDraft("Account " + i, null, null,
					i % 3 == 0 ? "smb" : "enterprise", null, null, null, Map.of("region", i % 2 == 0 ? "east" : "west")));
		}
		for (int i = 0; i < 6; i++) {
			// Two subscriptions starting in the same month: the account's cohort plan is the larger one's.
			LocalDate day = start.plusMonths(3 * i).plusDays(i);
			accounts.saveSubscription(workspace, "main-" + i, new SubscriptionDraft("acct-" + i, "Kizuna",
					PLANS[i % 3], 5_000L + 1_000 * i, "JPY", 1, "active", day, null, null, null, day));
			accounts.saveSubscription(workspace, "addon-" + i, new SubscriptionDraft("acct-" + i, "Kizuna",
					PLANS[(i + 1) % 3], 9_000L - 1_000 * i, "JPY", 1, "active", day, null, null, null, day.plusDays(2)));
		}
		for (int round = 0; round < 4; round++) {
			// Each round adds changes to existing and new subscriptions, then compares every answer.
			for (int change = 0; change < 120; change++) {
				int sub = random.nextInt(60);
				String account = "acct-" + (random.nextInt(10) == 0 ? random.nextInt(40) : sub % 40);
				long mrr = 1_000L * (1 + random.nextInt(50));
				String currency = sub % 7 == 0 ? "USD" : "JPY";
				LocalDate day = start.plusDays(random.nextInt(3 * 365 + 90));
				if (random.nextInt(4) == 0) {
					// Month ends and firsts are where the definitions have their edges.
					day = random.nextBoolean() ? day.withDayOfMonth(day.lengthOfMonth()) : day.withDayOfMonth(1);
				}
				accounts.saveSubscription(workspace, "sub-" + sub,
						new SubscriptionDraft(account, "Kizuna", PLANS[random.nextInt(PLANS.length)], mrr, currency,
								1 + random.nextInt(20), STATUSES[random.nextInt(STATUSES.length)], start, null, null,
								null, day));
			}
			assertSameAsHistory(workspace, YearMonth.of(2024, 1), YearMonth.of(2026, 12));
			assertSameAsHistory(workspace, YearMonth.of(2025, 3), YearMonth.of(2025, 11));
		}
		assertThat(jdbc.sql("select count(*) from revenue_step where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single()).as("the histories produced steps").isGreaterThan(100);
	}

	@Test
	void changesWrittenOutsideTheApplicationAreSeenToo() {
		WorkspaceId workspace = workspace();
		accounts.saveAccount(workspace, "a1", new AccountDraft("A1", null, null, "smb", null, null, null, Map.of()));
		accounts.saveSubscription(workspace, "s1", new SubscriptionDraft("a1", "Kizuna", "Basic", 10_000L, "JPY", 1,
				"active", LocalDate.of(2026, 1, 5), null, null, null, LocalDate.of(2026, 1, 5)));
		YearMonth jan = YearMonth.of(2026, 1);
		YearMonth apr = YearMonth.of(2026, 4);
		assertThat(movements.monthly(workspace, apr, apr)).singleElement()
			.satisfies(m -> assertThat(m.closingMinor()).isEqualTo(10_000));
		// A correction made in SQL by hand (or by another node): the March state is doubled.
		jdbc.sql("""
				insert into subscription_change (workspace_id, subscription_id, account_id, effective_on, plan, mrr_minor,
				                                 currency, seats, status)
				select workspace_id, subscription_id, account_id, date '2026-03-01', 'Pro', 20000, 'JPY', 1, 'active'
				from subscription where workspace_id = ?""").param(workspace.value()).update();
		assertThat(movements.monthly(workspace, YearMonth.of(2026, 3), YearMonth.of(2026, 3))).singleElement()
			.satisfies(m -> assertThat(m.expansionMinor()).isEqualTo(10_000))
			.satisfies(m -> assertThat(m.closingMinor()).isEqualTo(20_000));
		jdbc.sql("delete from subscription_change where workspace_id = ? and mrr_minor = 20000")
			.param(workspace.value())
			.update();
		assertThat(movements.monthly(workspace, YearMonth.of(2026, 3), YearMonth.of(2026, 3))).singleElement()
			.satisfies(m -> assertThat(m.expansionMinor()).isZero())
			.satisfies(m -> assertThat(m.closingMinor()).isEqualTo(10_000));
		assertSameAsHistory(workspace, jan, apr);
	}

	@Test
	void concurrentReadersAfterManyChangesAllSeeTheSameAnswer() throws Exception {
		WorkspaceId workspace = workspace();
		for (int i = 0; i < 30; i++) {
			accounts.saveAccount(workspace, "c" + i, new AccountDraft("C" + i, null, null, "smb", null, null, null,
					Map.of()));
			accounts.saveSubscription(workspace, "cs" + i, new SubscriptionDraft("c" + i, "Kizuna", "Basic",
					1_000L * (i + 1), "JPY", 1, "active", LocalDate.of(2025, 1 + i % 12, 3), null, null, null,
					LocalDate.of(2025, 1 + i % 12, 3)));
		}
		YearMonth from = YearMonth.of(2025, 1);
		YearMonth to = YearMonth.of(2025, 12);
		List<MrrMonth> expected = RevenueOracle.monthly(jdbc, workspace, from, to);
		// More readers at once than the pool has connections (20), all arriving while a catch-up is pending.
		ExecutorService pool = Executors.newFixedThreadPool(24);
		try {
			List<Future<List<MrrMonth>>> answers = new ArrayList<>();
			for (int i = 0; i < 48; i++) {
				Callable<List<MrrMonth>> read = () -> movements.monthly(workspace, from, to);
				answers.add(pool.submit(read));
			}
			for (Future<List<MrrMonth>> answer : answers) {
				assertThat(answer.get()).isEqualTo(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(expected.get(expected.size() - 1).closingMinor()).isEqualTo(465_000);
	}

	private void assertSameAsHistory(WorkspaceId workspace, YearMonth from, YearMonth to) {
		List<MrrMonth> expected = RevenueOracle.monthly(jdbc, workspace, from, to);
		assertThat(expected).as("months with MRR").hasSizeGreaterThanOrEqualTo(from.until(to, java.time.temporal.ChronoUnit.MONTHS) > 6 ? 6 : 1);
		assertThat(movements.monthly(workspace, from, to)).as("MRR movements " + from + ".." + to).isEqualTo(expected);
		for (CohortQuery.Measure measure : CohortQuery.Measure.values()) {
			for (CohortQuery query : List.of(new CohortQuery(from, to, measure, null, null),
					new CohortQuery(from, to, measure, CohortQuery.Breakdown.PLAN, null),
					new CohortQuery(from, to, measure, CohortQuery.Breakdown.TIER, null),
					new CohortQuery(from, to, measure, CohortQuery.Breakdown.ATTRIBUTE, "region"))) {
				List<Cohort> matrix = RevenueOracle.matrix(jdbc, workspace, query);
				assertThat(matrix).as("cohorts").isNotEmpty();
				assertThat(cohorts.matrix(workspace, query)).as(query.toString()).isEqualTo(matrix);
			}
		}
	}

	private WorkspaceId workspace() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		return workspaces.create(new NewWorkspace("readmodel-" + run, "Read model", "JPY", "Asia/Tokyo", "en")).id();
	}
}
