package io.kizuna.accounts;

import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/**
 * Accounts were created or their fields changed through the facade (the REST API, the pages): one event per
 * transaction, so that what is derived from an account's fields (segment membership) can follow.
 */
public record AccountsChanged(WorkspaceId workspaceId, List<AccountId> accountIds) {

	public AccountsChanged {
		accountIds = List.copyOf(accountIds);
	}
}
