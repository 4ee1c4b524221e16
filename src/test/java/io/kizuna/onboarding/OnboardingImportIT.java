package io.kizuna.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportReport;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Milestone history from a CSV: days and times (read in the workspace zone, or with their offset), rows of unknown
 * accounts, of accounts without a plan and of milestones the plan lacks rejected with their reason, re-runs stored
 * once, and another workspace's accounts not found.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingImportIT {

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	OnboardingManagement onboarding;

	@Autowired
	CsvImport imports;

	TestWorkspace ws;

	TestWorkspace other;

	LocalDate start;

	@BeforeAll
	void workspace() {
		ws = TestWorkspace.create(workspaces, people, accessKeys, "onb-import", "ja");
		other = TestWorkspace.create(workspaces, people, accessKeys, "onb-import-other", "ja");
		start = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(60);
		for (String id : List.of("imp-1", "imp-2")) {
			accounts.saveAccount(ws.id(), id, new AccountDraft(id + " 株式会社", null, null, "smb", null, null, null, Map.of()));
			accounts.saveSubscription(ws.id(), "sub-" + id, new SubscriptionDraft(id, "app", "Standard", 10_000L, "JPY", 5,
					"active", start, start.plusYears(1), null, null, start));
		}
		accounts.saveAccount(ws.id(), "imp-none", new AccountDraft("無契約", null, null, "smb", null, null, null, Map.of()));
		accounts.saveAccount(other.id(), "imp-other", new AccountDraft("他社", null, null, "smb", null, null, null, Map.of()));
		onboarding.savePlan(ws.id(), null, new OnboardingPlan("std", "標準", "Standard", "default", "", List.of(
				new Milestone("kickoff", "キックオフ", "Kickoff", MilestoneKind.MANUAL, null, 1, 30, 7, false),
				new Milestone("first-report", "最初のレポート", "First report", MilestoneKind.EVENT_COUNT, "Report Created", 1,
						30, 14, true))));
	}

	@Test
	void historyIsImportedOnceWithEachBadRowRejectedForItsReason() {
		String csv = """
				account_external_id,milestone_key,completed_at
				imp-1,kickoff,%s
				imp-1,first-report,%sT23:30:00
				imp-2,first-report,%sT23:30:00Z
				imp-2,nope,%s
				imp-none,kickoff,%s
				imp-other,kickoff,%s
				ghost,kickoff,%s
				imp-2,kickoff,not-a-day
				""".formatted(start.plusDays(3), start.plusDays(9), start.plusDays(9), start, start, start, start);
		ImportReport report = run(csv);
		assertThat(report.imported()).isEqualTo(3);
		assertThat(report.rejected()).isEqualTo(5);
		assertThat(report.rejectedLines()).extracting(ImportReport.RejectedLine::line).containsExactly(5L, 6L, 7L, 8L, 9L);
		assertThat(report.rejectedLines().get(0).key()).isEqualTo("import.reason.onboardingNoMilestone");
		assertThat(report.rejectedLines().get(1).key()).isEqualTo("import.reason.onboardingNoPlan");

		AccountOnboarding one = onboarding.progress(ws.id(), "imp-1");
		assertThat(one.steps()).extracting(AccountOnboarding.Step::completedOn)
			.containsExactly(start.plusDays(3), start.plusDays(9));
		assertThat(one.steps()).extracting(AccountOnboarding.Step::source).containsExactly("import", "import");
		assertThat(one.daysToFirstValue()).isEqualTo(9);
		assertThat(one.daysToComplete()).isEqualTo(9);
		// 23:30 UTC is 08:30 the next morning in Tokyo
		assertThat(onboarding.progress(ws.id(), "imp-2").daysToFirstValue()).isEqualTo(10);

		ImportReport again = run(csv);
		assertThat(again.imported()).isZero();
		assertThat(again.duplicates()).isEqualTo(3);
		assertThat(onboarding.progress(ws.id(), "imp-1").steps()).allMatch(AccountOnboarding.Step::done);
	}

	private ImportReport run(String csv) {
		return imports.importCsv(ws.id(), "onboarding-milestones",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null, null);
	}
}
