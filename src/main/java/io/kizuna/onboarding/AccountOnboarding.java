package io.kizuna.onboarding;

import java.time.LocalDate;
import java.util.List;

/**
 * One account's onboarding: its plan, start, each milestone's state, progress 0–100, and the days from the start to
 * the first-value milestone and to the last milestone (null until reached).
 */
public record AccountOnboarding(long accountId, String accountExternalId, OnboardingPlan plan, LocalDate startedOn,
		List<Step> steps, int progress, int overdue, Long daysToFirstValue, Long daysToComplete) {

	public AccountOnboarding {
		steps = List.copyOf(steps);
	}

	/** A milestone of the account's plan; {@code source} is auto, manual or import where done. */
	public record Step(Milestone milestone, LocalDate dueOn, LocalDate completedOn, String source, boolean overdue) {

		public boolean done() {
			return completedOn != null;
		}

		/** Done after its due day. */
		public boolean late() {
			return completedOn != null && completedOn.isAfter(dueOn);
		}
	}
}
