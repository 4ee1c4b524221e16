package io.kizuna.support;

import io.kizuna.shared.WorkspaceId;

/** A customer rated the support of a solved ticket: {@code rating} 1-5 (good/bad scale: 5 or 1), {@code good} 4-5. */
public record CsatAnswered(WorkspaceId workspaceId, long ticketId, Long accountId, Long agentUserId, int rating,
		boolean good) {
}
