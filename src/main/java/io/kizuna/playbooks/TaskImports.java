package io.kizuna.playbooks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code import tasks FILE}: one task per row (account, title; type, priority, due day, assignee by e-mail, reason,
 * checklist items separated by |). A row that is not a valid task is rejected with its reason; the others are stored.
 */
@Configuration(proxyBeanMethods = false)
class TaskImports {

	static final ImportColumns COLUMNS = new ImportColumns(List.of("account_external_id", "title"),
			Set.of("type", "priority", "due_on", "assignee_email", "reason", "checklist"), false);

	@Bean
	ImportTarget tasksImport(TaskManagement tasks, UserManagement people) {
		return ImportTarget.of("tasks", 70, COLUMNS,
				List.of("acct-001", "Quarterly review", "activity", "normal", "2026-12-15", "csm@example.com",
						"Renewal in 60 days", "Send the agenda|Book the room"),
				file -> {
					Map<String, Long> users = people.users(file.workspaceId()).stream()
						.collect(Collectors.toMap(u -> u.email().toLowerCase(java.util.Locale.ROOT), User::id, (a, b) -> a));
					return RowHandler.each(file, row -> {
						String email = row.value("assignee_email");
						Long assignee = null;
						if (email != null && !email.isBlank()) {
							assignee = users.get(email.strip().toLowerCase(java.util.Locale.ROOT));
							if (assignee == null) {
								throw new InvalidInputException("assignee_email: no user " + email.strip());
							}
						}
						String checklist = row.value("checklist");
						List<String> items = checklist == null ? List.of()
								: Arrays.stream(checklist.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
						try {
							tasks.create(file.workspaceId(), new TaskDraft(row.required("account_external_id"),
									row.required("title"), blank(row.value("type")), blank(row.value("priority")),
									row.value("due_on") == null || row.value("due_on").isBlank() ? null : row.date("due_on"),
									assignee, blank(row.value("reason")), items), null);
						}
						catch (InvalidInputException e) {
							throw new InvalidInputException(e.errors().isEmpty() ? e.getMessage() : String.join("; ", e.errors()));
						}
						catch (NotFoundException e) {
							throw new InvalidInputException("account_external_id: no account " + row.value("account_external_id"));
						}
					});
				});
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
