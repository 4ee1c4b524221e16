package io.kizuna.calendars;

/** Where one SLA clock of a ticket stands. */
public enum SlaState {
	/** The policy sets no target for this metric, or nothing has started it yet (no customer message to answer). */
	NONE,
	/** Counting business time towards the due time. */
	RUNNING,
	/** Stopped while the ticket is pending or on hold; the business time counted so far is kept. */
	PAUSED,
	/** The ticket was solved before this response was given; it no longer counts. */
	STOPPED,
	/** Achieved within the target. */
	MET,
	/** The due time passed before it was achieved. */
	BREACHED
}
