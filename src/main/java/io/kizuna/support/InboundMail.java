package io.kizuna.support;

/** What receiving one raw message did: the ticket it landed in, and whether it was new or already stored. */
public record InboundMail(long ticketId, long messageId, boolean newTicket, boolean duplicate) {
}
