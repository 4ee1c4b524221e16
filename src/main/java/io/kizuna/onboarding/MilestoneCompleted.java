package io.kizuna.onboarding;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Milestones reached in one evaluation (or one manual mark or import): one event per batch, never per account. */
public record MilestoneCompleted(WorkspaceId workspaceId, List<Completion> completions) {

	public MilestoneCompleted {
		completions = List.copyOf(completions);
	}

	public record Completion(long accountId, String planKey, String milestoneKey, LocalDate completedOn, String source,
			boolean firstValue) {
	}
}
