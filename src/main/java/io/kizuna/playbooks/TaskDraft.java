package io.kizuna.playbooks;

import java.time.LocalDate;
import java.util.List;

/** A task created by hand or imported: the account by external id, the assignee by user id (null: the owner). */
public record TaskDraft(String accountExternalId, String title, String type, String priority, LocalDate dueOn,
		Long assigneeUserId, String reason, List<String> checklist) {
}
