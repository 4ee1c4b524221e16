package io.kizuna.feedback;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** New reviews of two stars or fewer arrived (one event per import batch or request). */
public record NegativeReviewsReceived(WorkspaceId workspace, List<Long> reviewIds) {

	public NegativeReviewsReceived {
		reviewIds = List.copyOf(reviewIds);
	}
}
