package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountState;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.AccountUsage;

/** Everything known about a workspace's accounts before {@code asOf}, loaded once per scoring run. */
public record ScoringInput(WorkspaceId workspaceId, LocalDate asOf, Map<Long, AccountState> states,
		Map<Long, AccountUsage> usage, List<String> keyFeatures) {

	public AccountUsage usageOf(long accountId) {
		return usage.getOrDefault(accountId, AccountUsage.none(accountId));
	}
}
