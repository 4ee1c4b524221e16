package io.kizuna.feedback;

import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/** A request's status became shipped: its voters were told and the voting accounts' CSMs got a task. */
public record FeatureRequestShipped(WorkspaceId workspace, long requestId, String title, List<AccountId> accounts,
		int contactsNotified) {

	public FeatureRequestShipped {
		accounts = List.copyOf(accounts);
	}
}
