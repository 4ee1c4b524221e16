package io.kizuna.support;

import io.kizuna.shared.WorkspaceId;

/** A ticket was opened (by mail, phone, REST or import). */
public record TicketCreated(WorkspaceId workspaceId, long ticketId, Long accountId, String channel) {
}
