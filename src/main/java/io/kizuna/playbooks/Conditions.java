package io.kizuna.playbooks;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * A playbook's condition over a batch of accounts. A small batch is asked as "which of these"; a large one (a scoring
 * run's 100,000 hits) is asked as "which accounts of the workspace" and intersected here: one pass over the accounts
 * instead of a membership test against an array of 100,000 ids per row, which cost seconds per playbook.
 */
@Component
class Conditions {

	static final int LISTED_AT_MOST = 2_000;

	private final SegmentManagement segments;

	Conditions(SegmentManagement segments) {
		this.segments = segments;
	}

	Set<AccountId> matching(WorkspaceId workspace, String condition, Collection<AccountId> among) {
		if (among.isEmpty()) {
			return Set.of();
		}
		if (among.size() <= LISTED_AT_MOST) {
			return segments.matching(workspace, condition, among);
		}
		Set<Long> all = segments.matchingAccounts(workspace, condition, null);
		Set<AccountId> matching = new HashSet<>();
		for (AccountId account : among) {
			if (all.contains(account.value())) {
				matching.add(account);
			}
		}
		return matching;
	}
}
