package io.kizuna.support;

import java.time.Instant;

/** One change of a ticket (field, old and new value), with who made it ({@code null}: the system) and when. */
public record TicketChange(long id, long ticketId, Instant at, Long actorUserId, String field, String oldValue,
		String newValue) {
}
