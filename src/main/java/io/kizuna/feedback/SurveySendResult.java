package io.kizuna.feedback;

/** What sending a survey did: deliveries queued, and contacts left out by each rule. */
public record SurveySendResult(int queued, int skippedRecently, int skippedOpenTicket, int skippedNoEmail,
		int unknownContacts) {
}
