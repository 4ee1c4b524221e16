package io.kizuna.journeys;

import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/**
 * One evaluation (a rule run, a hand change, an import, a removed stage) moved accounts between stages: one event
 * carrying every change of it, never one per account (playbooks trigger on it).
 */
public record StageChanged(WorkspaceId workspaceId, List<Change> changes) {

	public StageChanged {
		changes = List.copyOf(changes);
	}

	/** One account's move and what made it; {@code fromStage} is null for a first stage, {@code ruleId} set for a rule's. */
	public record Change(AccountId accountId, String fromStage, String toStage, ChangeSource source, Long ruleId) {
	}
}
