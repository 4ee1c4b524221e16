package io.kizuna.support;

import java.time.Instant;
import java.util.List;

/**
 * A ticket. {@code status}: new, open, pending (waiting on the customer), on_hold, solved, closed; the times of the
 * first agent response and of every status change (in {@link TicketChange}) are what an SLA clock reads.
 */
public record Ticket(long id, Long accountId, Long requesterContactId, String requesterEmail, String requesterName,
		String subject, String status, String priority, String type, List<String> tags, String channel,
		Long channelId, Long assigneeUserId, Long mergedIntoId, Instant createdAt, Instant updatedAt,
		Instant statusChangedAt, Instant firstResponseAt, Instant solvedAt, Instant closedAt) {

	public static final List<String> STATUSES = List.of("new", "open", "pending", "on_hold", "solved", "closed");

	public static final List<String> OPEN_STATUSES = List.of("new", "open", "pending", "on_hold");

	public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

	public static final List<String> TYPES = List.of("question", "incident", "problem", "task", "auto_reply", "bounce");

	public Ticket {
		tags = List.copyOf(tags);
	}

	public boolean isOpen() {
		return OPEN_STATUSES.contains(status);
	}
}
