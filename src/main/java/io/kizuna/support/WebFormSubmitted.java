package io.kizuna.support;

import java.time.Instant;

import io.kizuna.shared.WorkspaceId;

/**
 * A visitor sent the public web form and a ticket was opened (after {@link TicketCreated}); {@code session} is the
 * visit's id, the one the form's article suggestions were searched with, and {@code visitor} the browser's (each null
 * if unknown), so the knowledge base can tell help-center sessions that ended in a ticket from those its articles
 * deflected.
 */
public record WebFormSubmitted(WorkspaceId workspaceId, long ticketId, Long accountId, String requesterEmail,
		String session, String visitor, Instant openedAt) {
}
