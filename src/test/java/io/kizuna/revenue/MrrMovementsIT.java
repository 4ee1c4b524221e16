package io.kizuna.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class MrrMovementsIT {

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MrrMovements movements;

	WorkspaceId workspace;

	@Test
	void movementsOfACraftedHistoryReconcileExactly() {
		workspace = workspaces.create(new NewWorkspace("mrr-" + UUID.randomUUID().toString().substring(0, 8), "MRR",
				"JPY", "Asia/Tokyo", "ja")).id();
		// January: four customers paying 10,000 each.
		for (String account : List.of("up", "down", "gone", "back-same-month")) {
			state(account, "2026-01-05", 10_000, "active");
		}
		state("winback", "2026-01-05", 5_000, "active");
		state("winback", "2026-01-20", 5_000, "canceled");
		// February: an upgrade, a downgrade, a cancellation, a cancel-and-win-back in the month, a new customer,
		// and a customer who left in January coming back.
		state("up", "2026-02-10", 25_000, "active");
		state("down", "2026-02-11", 4_000, "active");
		state("gone", "2026-02-12", 10_000, "canceled");
		state("back-same-month", "2026-02-03", 10_000, "canceled");
		state("back-same-month", "2026-02-20", 12_000, "active");
		state("new", "2026-02-15", 7_000, "active");
		state("winback", "2026-02-25", 6_000, "active");

		List<MrrMonth> months = movements.monthly(workspace, YearMonth.of(2026, 1), YearMonth.of(2026, 2));
		MrrMonth february = months.get(1);
		assertThat(february.openingMinor()).isEqualTo(40_000);
		assertThat(february.newMinor()).isEqualTo(7_000);
		assertThat(february.expansionMinor()).isEqualTo(15_000 + 2_000);
		assertThat(february.contractionMinor()).isEqualTo(6_000);
		assertThat(february.churnMinor()).isEqualTo(10_000);
		assertThat(february.reactivationMinor()).isEqualTo(6_000);
		assertThat(february.closingMinor()).isEqualTo(25_000 + 4_000 + 12_000 + 7_000 + 6_000);
		assertThat(february.openingMinor() + february.newMinor() + february.expansionMinor()
				+ february.reactivationMinor() - february.contractionMinor() - february.churnMinor())
			.isEqualTo(february.closingMinor());
		assertThat(february.customersAtStart()).isEqualTo(4);
		assertThat(february.churnedCustomers()).isEqualTo(1);
		assertThat(february.logoChurnRate()).isEqualTo(0.25);
		assertThat(february.revenueChurnRate()).isEqualTo(0.25);
		assertThat(february.grossRevenueRetention()).isCloseTo((40_000 - 10_000 - 6_000) / 40_000.0, within(1e-12));
		assertThat(february.netRevenueRetention()).isCloseTo((40_000 + 17_000 - 6_000 - 10_000) / 40_000.0,
				within(1e-12));

		MrrMonth january = months.get(0);
		// "winback" started and left within January: never at a month end, so neither new nor churn there.
		assertThat(january.newMinor()).isEqualTo(40_000);
		assertThat(january.churnMinor()).isZero();
		assertThat(january.closingMinor()).isEqualTo(40_000);
		assertThat(january.openingMinor() + january.newMinor() + january.expansionMinor() + january.reactivationMinor()
				- january.contractionMinor() - january.churnMinor()).isEqualTo(january.closingMinor());
	}

	private void state(String account, String day, long mrr, String status) {
		if (accounts.findAccount(workspace, account).isEmpty()) {
			accounts.saveAccount(workspace, account, AccountDraft.named(account));
		}
		accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, null, "Plan", mrr, "JPY", 1,
				status, LocalDate.parse("2026-01-05"), null, null, null, LocalDate.parse(day)));
	}
}
