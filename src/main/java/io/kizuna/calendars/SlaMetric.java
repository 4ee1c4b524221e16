package io.kizuna.calendars;

/** The three clocks of an SLA policy. */
public enum SlaMetric {
	/** From the ticket's creation to the first agent response. */
	FIRST_RESPONSE,
	/** From a customer's message to the agent response after it, once the first response is given. */
	NEXT_RESPONSE,
	/** From the ticket's creation to solved; a reopened ticket's clock goes on from where it stopped. */
	RESOLUTION
}
