package io.kizuna.support;

/**
 * The inbox's SLA views as conditions on a ticket (ADR 0116): breaching soon is an open ticket past its policy's
 * warning time whose next due time has not come; breached, an open ticket with a clock past its due time. Each is
 * read from a partial index of {@code support_ticket_sla}, not by scanning tickets.
 */
final class TicketSlaViews {

	private TicketSlaViews() {
	}

	static String where(TicketView view) {
		return switch (view) {
			case BREACHING_SOON -> """
					ticket_id in (select s.ticket_id from support_ticket_sla s where s.workspace_id = :ws and s.open
					    and s.warn_at <= now() and s.next_due_at > now() and not s.breached)""";
			case BREACHED -> """
					ticket_id in (select s.ticket_id from support_ticket_sla s where s.workspace_id = :ws and s.open
					    and s.breached)""";
			default -> throw new IllegalArgumentException(view.name());
		};
	}
}
