package io.kizuna.support;

/** The agents' queues, each read newest first by keyset from an index of its own (ADR 0093). */
public enum TicketView {
	MINE, UNASSIGNED, PENDING, BREACHING_SOON, BREACHED, SOLVED, ALL;

	public static TicketView parse(String value) {
		if (value == null || value.isBlank()) {
			return ALL;
		}
		try {
			return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new io.kizuna.shared.InvalidInputException("view must be mine, unassigned, pending, breaching_soon, breached, solved or all");
		}
	}

	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
