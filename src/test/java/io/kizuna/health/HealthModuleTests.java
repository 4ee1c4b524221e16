package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.TrackedMessage;
import io.kizuna.usage.UsageIngestion;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;

/**
 * The health module with what it depends on (accounts, usage, workspace, the shared kernel's embedded PostgreSQL),
 * without revenue, the web layer or the importers: a scoring run publishes one event of each kind, however many
 * accounts changed band or raised signals.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "shared")
class HealthModuleTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	static final int ACCOUNTS = 12;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Test
	void onlyTheModuleAndWhatItDependsOnAreStarted() {
		assertThat(context.containsBean("revenueReports")).isFalse();
		assertThat(context.containsBean("portfolioSummaries")).isFalse();
	}

	@Autowired
	AccountManagement accounts;

	@Autowired
	UsageIngestion ingestion;

	@Autowired
	UsageRollups rollups;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	HealthScoring scoring;

	@Autowired
	HealthAdministration administration;

	@Test
	void aScoringRunPublishesOneEventOfEachKindNotOnePerAccount(AssertablePublishedEvents events) {
		WorkspaceId workspace = workspaces.create(new NewWorkspace("hm-" + UUID.randomUUID().toString().substring(0, 8),
				"Health module", "JPY", "Asia/Tokyo", "en")).id();
		administration.saveSettings(workspace, new HealthSettings(List.of("Report Created", "Integration Connected"),
				SignalThresholds.defaults()));
		LocalDate day = LocalDate.now(TOKYO).minusDays(1);
		List<TrackedMessage> messages = new ArrayList<>();
		for (int a = 0; a < ACCOUNTS; a++) {
			String account = "drifter-" + a;
			accounts.saveAccount(workspace, account, AccountDraft.named(account));
			LocalDate start = day.minusDays(200);
			accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, "app", "Standard",
					9_000L, "JPY", 3, "active", start, start.plusYears(2), null, null, start));
			// Busy until 35 days ago, idle since: green then, red now.
			for (int d = 35; d <= 95; d++) {
				for (int u = 0; u < 3; u++) {
					for (int i = 0; i < 4; i++) {
						Instant at = day.minusDays(d).atTime(10, i).atZone(TOKYO).toInstant();
						messages.add(new TrackedMessage("track", UUID.randomUUID().toString(), account + "-d" + u, null,
								account, u == 0 ? "Report Created" : "Integration Connected", at, at, null, null, null,
								null));
					}
				}
			}
		}
		for (int i = 0; i < messages.size(); i += 5000) {
			ingestion.ingest(workspace, messages.subList(i, Math.min(messages.size(), i + 5000)));
		}
		// the background fold (every 500 ms in tests) may hold some account-days while processPending returns
		io.kizuna.usage.PendingRollups.awaitFolded(rollups, jdbc, workspace);

		scoring.recompute(workspace, day.minusDays(35));
		RescoreResult result = scoring.recompute(workspace, day);

		assertThat(result.bandChanges()).as("every account changed band").isEqualTo(ACCOUNTS);
		assertThat(events.ofType(WorkspaceRescored.class).matching(e -> e.workspaceId().equals(workspace)))
			.hasSize(2)
			.last()
			.satisfies(e -> assertThat(e.accounts()).isEqualTo(ACCOUNTS));
		assertThat(events.ofType(HealthBandsChanged.class).matching(e -> e.workspaceId().equals(workspace)))
			.as("one event for the run's band changes")
			.singleElement()
			.satisfies(e -> assertThat(e.day()).isEqualTo(day))
			.satisfies(e -> assertThat(e.changes()).hasSize(ACCOUNTS)
				.allSatisfy(c -> assertThat(c.previousBand().code() + "→" + c.band().code()).isEqualTo("green→red")));
		int raised = 0;
		for (SignalsRaised e : events.ofType(SignalsRaised.class).matching(e -> e.workspaceId().equals(workspace))) {
			raised += e.signals().size();
		}
		assertThat(events.ofType(SignalsRaised.class).matching(e -> e.workspaceId().equals(workspace)))
			.as("at most one per run").hasSizeLessThanOrEqualTo(2);
		assertThat(raised).as("every raised signal is in them").isGreaterThanOrEqualTo(result.signalsRaised())
			.isGreaterThanOrEqualTo(ACCOUNTS);
	}
}
