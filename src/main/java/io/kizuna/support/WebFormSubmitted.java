package io.kizuna.support;

import io.kizuna.shared.WorkspaceId;

/**
 * A visitor sent the public web form and a ticket was opened (after {@link TicketCreated}); {@code session} is the
 * visit's id, the one the form's article suggestions were searched with (null if none), so the knowledge base can tell
 * a visit that ended in a ticket from one its articles deflected.
 */
public record WebFormSubmitted(WorkspaceId workspaceId, long ticketId, Long accountId, String requesterEmail,
		String session) {
}
