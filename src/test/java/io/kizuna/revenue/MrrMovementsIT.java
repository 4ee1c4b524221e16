package io.kizuna.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MrrMovementsIT {

	@LocalServerPort
	int port;

	String token;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MrrMovements movements;

	WorkspaceId workspace;

	@Test
	void movementsOfACraftedHistoryReconcileExactly() {
		workspace = workspaces.create(new NewWorkspace("mrr-" + UUID.randomUUID().toString().substring(0, 8), "MRR",
				"JPY", "Asia/Tokyo", "ja")).id();
		token = accessKeys.issueApiToken(workspace, "mrr", TokenScope.READ).secret();
		// January: four customers, three paying 10,000 and "gone" 20,000 (so that logo churn, revenue churn, GRR and
		// NRR all differ: swapping any two formulas fails).
		for (String account : List.of("up", "down", "back-same-month")) {
			state(account, "2026-01-05", 10_000, "active");
		}
		state("gone", "2026-01-05", 20_000, "active");
		state("winback", "2026-01-05", 5_000, "active");
		state("winback", "2026-01-20", 5_000, "canceled");
		// February: an upgrade, a downgrade, a cancellation, a cancel-and-win-back in the month, a new customer,
		// and a customer who left in January coming back.
		state("up", "2026-02-10", 25_000, "active");
		state("down", "2026-02-11", 4_000, "active");
		state("gone", "2026-02-12", 20_000, "canceled");
		state("back-same-month", "2026-02-03", 10_000, "canceled");
		state("back-same-month", "2026-02-20", 12_000, "active");
		state("new", "2026-02-15", 7_000, "active");
		state("winback", "2026-02-25", 6_000, "active");

		List<MrrMonth> months = movements.monthly(workspace, YearMonth.of(2026, 1), YearMonth.of(2026, 2));
		MrrMonth february = months.get(1);
		assertThat(february.openingMinor()).isEqualTo(50_000);
		assertThat(february.newMinor()).isEqualTo(7_000);
		assertThat(february.expansionMinor()).isEqualTo(15_000 + 2_000);
		assertThat(february.contractionMinor()).isEqualTo(6_000);
		assertThat(february.churnMinor()).isEqualTo(20_000);
		assertThat(february.reactivationMinor()).isEqualTo(6_000);
		assertThat(february.closingMinor()).isEqualTo(25_000 + 4_000 + 12_000 + 7_000 + 6_000);
		assertThat(february.openingMinor() + february.newMinor() + february.expansionMinor()
				+ february.reactivationMinor() - february.contractionMinor() - february.churnMinor())
			.isEqualTo(february.closingMinor());
		assertThat(february.customersAtStart()).isEqualTo(4);
		assertThat(february.churnedCustomers()).isEqualTo(1);
		// 1 of 4 logos; 20,000 of 50,000; (50,000 − 20,000 − 6,000) / 50,000; (50,000 + 17,000 − 6,000 − 20,000) / 50,000
		assertThat(february.logoChurnRate()).isEqualTo(0.25);
		assertThat(february.revenueChurnRate()).isEqualTo(0.4);
		assertThat(february.grossRevenueRetention()).isCloseTo(0.48, within(1e-12));
		assertThat(february.netRevenueRetention()).isCloseTo(0.82, within(1e-12));

		MrrMonth january = months.get(0);
		// "winback" started and left within January: never at a month end, so neither new nor churn there.
		assertThat(january.newMinor()).isEqualTo(50_000);
		assertThat(january.churnMinor()).isZero();
		assertThat(january.closingMinor()).isEqualTo(50_000);
		assertThat(january.openingMinor() + january.newMinor() + january.expansionMinor() + january.reactivationMinor()
				- january.contractionMinor() - january.churnMinor()).isEqualTo(january.closingMinor());

		// The same figures and rates through the REST API, as a client reads them.
		HttpResponse<String> response = new TestHttp(port).get("/api/v1/revenue/mrr?from=2026-01&to=2026-02", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode api = JsonMapper.builder().build().readTree(response.body());
		assertThat(api.size()).isEqualTo(2);
		JsonNode feb = api.get(1);
		assertThat(feb.get("month").asString()).isEqualTo("2026-02");
		// Money in the API's one shape (ADR 0039).
		assertThat(feb.get("openingMrr").toString()).isEqualTo("{\"minorUnits\":50000,\"currency\":\"JPY\"}");
		assertThat(feb.get("churnMrr").get("minorUnits").asLong()).isEqualTo(20_000);
		assertThat(feb.get("closingMrr").get("minorUnits").asLong()).isEqualTo(54_000);
		assertThat(feb.get("newMrr").get("currency").asString()).isEqualTo("JPY");
		assertThat(feb.get("customersAtStart").asInt()).isEqualTo(4);
		assertThat(feb.get("churnedCustomers").asInt()).isEqualTo(1);
		assertThat(feb.get("logoChurnRate").asDouble()).isEqualTo(0.25);
		assertThat(feb.get("revenueChurnRate").asDouble()).isEqualTo(0.4);
		assertThat(feb.get("grossRevenueRetention").asDouble()).isCloseTo(0.48, within(1e-12));
		assertThat(feb.get("netRevenueRetention").asDouble()).isCloseTo(0.82, within(1e-12));
		assertThat(api.get(0).get("logoChurnRate").isNull()).as("no customers before January").isTrue();
	}

	private void state(String account, String day, long mrr, String status) {
		if (accounts.findAccount(workspace, account).isEmpty()) {
			accounts.saveAccount(workspace, account, AccountDraft.named(account));
		}
		accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, null, "Plan", mrr, "JPY", 1,
				status, LocalDate.parse("2026-01-05"), null, null, null, LocalDate.parse(day)));
	}
}
