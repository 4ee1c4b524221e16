package io.kizuna.support;

import java.util.List;

/** Fields an agent changes on a ticket; null leaves a field as it is, {@code unassign} clears the assignee. */
public record TicketUpdate(String status, String priority, String type, List<String> tags, Long assigneeUserId,
		boolean unassign) {
}
