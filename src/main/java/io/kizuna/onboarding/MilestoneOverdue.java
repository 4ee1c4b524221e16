package io.kizuna.onboarding;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Milestones that passed their due day without being reached, found in one evaluation; each is announced once. */
public record MilestoneOverdue(WorkspaceId workspaceId, List<Overdue> milestones) {

	public MilestoneOverdue {
		milestones = List.copyOf(milestones);
	}

	public record Overdue(long accountId, String planKey, String milestoneKey, LocalDate dueOn) {
	}
}
