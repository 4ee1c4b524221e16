package io.kizuna.playbooks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A CSM task (a call to action): for one account, of a type, with a priority, a due day, the reason it exists with its
 * evidence, a checklist, and the playbook it came from (null when created by hand).
 */
public record Task(long id, long accountId, String accountExternalId, String accountName, String title, String type,
		String priority, String status, LocalDate dueOn, LocalDate snoozedUntil, Long assigneeUserId,
		String assigneeName, String reason, Map<String, Object> evidence, List<ChecklistItem> checklist,
		Long playbookId, String playbookName, String outcome, String note, String cancelReason, Instant createdAt,
		Instant closedAt) {

	public static final List<String> TYPES = List.of("risk", "opportunity", "onboarding", "renewal", "activity");

	public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

	public static final List<String> STATUSES = List.of("open", "in_progress", "snoozed", "done", "canceled");

	public static final List<String> OUTCOMES = List.of("contacted", "resolved", "no_response", "escalated");

	public boolean isOpen() {
		return status.equals("open") || status.equals("in_progress") || status.equals("snoozed");
	}

	public boolean overdue(LocalDate today) {
		return isOpen() && dueOn.isBefore(today);
	}

	/** One step of a task's checklist. */
	public record ChecklistItem(String text, boolean done) {
	}
}
