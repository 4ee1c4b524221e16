package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountState;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.AccountUsage;

/**
 * Everything known about a workspace's accounts before {@code asOf}, loaded once per scoring run.
 *
 * @param markedChampions the accounts whose contacts someone marked as champions, with the day the most recently
 * seen of them was last seen (a null day when none has been seen yet)
 */
public record ScoringInput(WorkspaceId workspaceId, LocalDate asOf, Map<Long, AccountState> states,
		Map<Long, AccountUsage> usage, List<String> keyFeatures, Map<Long, LocalDate> markedChampions) {

	public ScoringInput(WorkspaceId workspaceId, LocalDate asOf, Map<Long, AccountState> states,
			Map<Long, AccountUsage> usage, List<String> keyFeatures) {
		this(workspaceId, asOf, states, usage, keyFeatures, Map.of());
	}

	public AccountUsage usageOf(long accountId) {
		return usage.getOrDefault(accountId, AccountUsage.none(accountId));
	}
}
