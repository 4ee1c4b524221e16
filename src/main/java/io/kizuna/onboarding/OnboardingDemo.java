package io.kizuna.onboarding;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.kizuna.health.HealthScoring;
import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's onboarding: a plan for the Enterprise subscription plan and a default one, evaluated from the demo's
 * usage. Accounts that started before the usage the demo generates get a milestone history (mostly on time, some
 * late, a few never reached), so the cohorts show a realistic spread; onboarding_stalled accounts stall by their own
 * usage. Scores are recomputed after, so "onboarding stalled" follows the plans.
 */
@Component
class OnboardingDemo implements DemoContribution {

	private final OnboardingManagement onboarding;

	private final HealthScoring scoring;

	private final JdbcClient jdbc;

	OnboardingDemo(OnboardingManagement onboarding, HealthScoring scoring, JdbcClient jdbc) {
		this.onboarding = onboarding;
		this.scoring = scoring;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 150;
	}

	static List<OnboardingPlan> plans() {
		return List.of(new OnboardingPlan("enterprise", "エンタープライズ導入", "Enterprise onboarding", "plan", "Enterprise",
				List.of(new Milestone("kickoff", "キックオフ実施", "Kickoff held", MilestoneKind.MANUAL, null, 1, 30, 7, false),
						new Milestone("admin-invited", "管理者の招待", "Admin invited", MilestoneKind.EVENT_COUNT,
								"Invite Sent", 1, 30, 7, false),
						new Milestone("integration", "データ連携", "First data integration", MilestoneKind.EVENT_COUNT,
								"Integration Connected", 1, 45, 21, true),
						new Milestone("reports-3", "レポートを3回作成", "Reports created three times",
								MilestoneKind.EVENT_COUNT, "Report Created", 3, 60, 30, false),
						new Milestone("three-users", "アクティブユーザー3人", "Three active users",
								MilestoneKind.ACTIVE_USERS, null, 3, 60, 30, false))),
				new OnboardingPlan("standard", "標準オンボーディング", "Standard onboarding", "default", "",
						List.of(new Milestone("admin-invited", "管理者の招待", "Admin invited", MilestoneKind.EVENT_COUNT,
								"Invite Sent", 1, 30, 7, false),
								new Milestone("first-report", "最初のレポート作成", "First report created",
										MilestoneKind.EVENT_COUNT, "Report Created", 1, 30, 14, true),
								new Milestone("three-users", "アクティブユーザー3人", "Three active users",
										MilestoneKind.ACTIVE_USERS, null, 3, 45, 30, false))));
	}

	@Override
	public void load(DemoWorkspace demo) {
		for (OnboardingPlan plan : plans()) {
			if (onboarding.findPlan(demo.workspace(), plan.key()).isEmpty()) {
				onboarding.savePlan(demo.workspace(), null, plan);
			}
		}
		LocalDate usageFrom = jdbc.sql("select min(day) from usage_v_daily where workspace_id = ?")
			.param(demo.workspace().value())
			.query(LocalDate.class)
			.optional()
			.orElse(demo.today());
		Map<String, Long> ids = new java.util.HashMap<>();
		jdbc.sql("select external_id, account_id from accounts_v_account where workspace_id = ?")
			.param(demo.workspace().value())
			.query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		SplittableRandom random = new SplittableRandom(demo.seed() ^ 0x0b0a2d);
		List<OnboardingManagement.ImportedMilestone> history = new ArrayList<>();
		for (DemoWorkspace.Account account : demo.accounts()) {
			Long id = ids.get(account.externalId());
			var progress = id == null ? null : onboarding.progress(demo.workspace(), id).orElse(null);
			if (progress == null) {
				continue;
			}
			boolean before = progress.startedOn().isBefore(usageFrom);
			// a struggling customer was more often late; a kickoff is always held by hand
			double late = switch (account.archetype()) {
				case "churned", "declining", "paying_idle" -> 0.4;
				case "onboarding_stalled" -> 0.9;
				default -> 0.15;
			};
			for (AccountOnboarding.Step step : progress.steps()) {
				if (step.done() || !before && step.milestone().kind() != MilestoneKind.MANUAL) {
					continue;
				}
				if ("onboarding_stalled".equals(account.archetype()) || random.nextDouble() < 0.04) {
					continue;
				}
				int due = step.milestone().dueDay();
				int day = random.nextDouble() < late ? due + 1 + random.nextInt(25) : random.nextInt(due + 1);
				LocalDate on = progress.startedOn().plusDays(day);
				if (!on.isAfter(demo.today())) {
					history.add(new OnboardingManagement.ImportedMilestone(id, step.milestone().key(), on));
				}
			}
		}
		onboarding.importHistory(demo.workspace(), history);
		onboarding.evaluate(demo.workspace());
		scoring.recompute(demo.workspace(), scoring.today(demo.workspace()));
	}
}
