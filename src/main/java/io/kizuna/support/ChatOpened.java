package io.kizuna.support;

import java.time.Instant;

import io.kizuna.shared.WorkspaceId;

/**
 * A visitor opened a chat conversation and its ticket exists (after {@link TicketCreated}); {@code session} and
 * {@code visitor} are the widget's random ids on the customer's site (null if unknown), the ones its article
 * suggestions were searched with, so the knowledge base can tell help sessions that ended in a ticket.
 */
public record ChatOpened(WorkspaceId workspaceId, long ticketId, Long accountId, String session, String visitor,
		Instant openedAt) {
}
