package io.kizuna.support;

import java.time.Instant;

import io.kizuna.shared.WorkspaceId;

/** A ticket's status changed (the SLA clock pauses on pending and on hold, stops on solved). */
public record TicketStatusChanged(WorkspaceId workspaceId, long ticketId, String from, String to, Instant at) {
}
