package io.kizuna.segments;

import java.util.List;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/**
 * One evaluation of one segment changed who is in it: one event per segment per evaluation (never one per
 * account), with every account that entered and every one that left.
 */
public record SegmentMembershipChanged(WorkspaceId workspaceId, long segmentId, String segmentKey,
		EvaluationReason reason, List<AccountId> entered, List<AccountId> exited) {

	public SegmentMembershipChanged {
		entered = List.copyOf(entered);
		exited = List.copyOf(exited);
	}
}
