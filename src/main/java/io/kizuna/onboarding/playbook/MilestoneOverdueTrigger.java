package io.kizuna.onboarding.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.onboarding.Milestone;
import io.kizuna.onboarding.MilestoneOverdue;
import io.kizuna.onboarding.OnboardingManagement;
import io.kizuna.onboarding.OnboardingPlan;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.PlaybookTrigger;
import io.kizuna.playbooks.TriggerHit;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Lazy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * {@code milestone_overdue}: a playbook starts when an account's onboarding milestone passes its due day unreached;
 * {@code milestone} (a milestone key) and {@code plan} (a plan key) narrow it, blank matches any. Onboarding announces
 * each overdue milestone once; the occurrence key (plan, milestone, due day) makes a redelivered event enroll nobody
 * twice.
 */
@Component
class MilestoneOverdueTrigger implements PlaybookTrigger {

	static final String TYPE = "milestone_overdue";

	private final OnboardingManagement onboarding;

	private final PlaybookManagement playbooks;

	// playbooks collects every trigger bean in its constructor; this one needs playbooks back only when it fires
	MilestoneOverdueTrigger(OnboardingManagement onboarding, @Lazy PlaybookManagement playbooks) {
		this.onboarding = onboarding;
		this.playbooks = playbooks;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public List<String> settings() {
		return List.of("plan", "milestone");
	}

	@Override
	public void validate(WorkspaceId workspace, Map<String, String> settings) {
		List<OnboardingPlan> plans = onboarding.plans(workspace);
		String plan = settings.get("plan");
		String milestone = settings.get("milestone");
		List<String> errors = new ArrayList<>();
		if (!blank(plan) && plans.stream().noneMatch(p -> p.key().equals(plan))) {
			errors.add("plan: one of " + String.join(", ", plans.stream().map(OnboardingPlan::key).toList()));
		}
		List<String> milestones = plans.stream().filter(p -> blank(plan) || p.key().equals(plan))
			.flatMap(p -> p.milestones().stream()).map(Milestone::key).distinct().toList();
		if (!blank(milestone) && !milestones.contains(milestone)) {
			errors.add("milestone: one of " + String.join(", ", milestones));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid trigger", errors);
		}
	}

	@ApplicationModuleListener
	void on(MilestoneOverdue overdue) {
		List<TriggerHit> hits = new ArrayList<>(overdue.milestones().size());
		for (MilestoneOverdue.Overdue o : overdue.milestones()) {
			String plan = o.planKey() == null ? "" : o.planKey();
			Map<String, Object> evidence = new LinkedHashMap<>();
			evidence.put("trigger", TYPE);
			evidence.put("plan", plan);
			evidence.put("milestone", o.milestoneKey());
			evidence.put("due_on", o.dueOn().toString());
			hits.add(new TriggerHit(new AccountId(o.accountId()),
					"milestone:" + plan + ":" + o.milestoneKey() + ":" + o.dueOn(),
					Map.of("plan", plan, "milestone", o.milestoneKey()), evidence));
		}
		playbooks.fire(overdue.workspaceId(), TYPE, hits);
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
