package io.kizuna.playbooks.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskDraft;
import io.kizuna.playbooks.TaskEventRow;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.playbooks.TeamMember;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CSM tasks: list, create, and every change of state. */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "CSM tasks (calls to action): by hand or from playbooks; start, snooze, reassign, "
		+ "complete with an outcome, cancel with a reason; the team's overdue counts and completion rates")
class TasksController {

	private final TaskManagement tasks;

	TasksController(TaskManagement tasks) {
		this.tasks = tasks;
	}

	record TaskBody(String account, String title, String type, String priority, LocalDate dueOn, Long assigneeUserId,
			String reason, List<String> checklist) {
	}

	record SnoozeBody(LocalDate until) {
	}

	record ReassignBody(Long userId) {
	}

	record CompleteBody(String outcome, String note) {
	}

	record CancelBody(String reason) {
	}

	@GetMapping
	@Operation(summary = "Tasks by status (open_all, open, in_progress, snoozed, done, canceled), assignee and account")
	List<Task> list(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String status,
			@RequestParam(required = false) Long assignee, @RequestParam(required = false) String account,
			@RequestParam(defaultValue = "100") int limit) {
		return tasks.list(client.workspaceId(), status, assignee, account, limit);
	}

	@GetMapping("/team")
	@Operation(summary = "Per assignee: open and overdue tasks, completed and canceled in the last 30 days")
	List<TeamMember> team(@AuthenticationPrincipal ApiClient client) {
		return tasks.team(client.workspaceId());
	}

	@PostMapping
	@Operation(summary = "Create a task by hand for an account (assignee defaults to the account's owner)")
	ResponseEntity<Task> create(@AuthenticationPrincipal ApiClient client, @RequestBody TaskBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with account and title is required");
		}
		Task task = tasks.create(client.workspaceId(), new TaskDraft(body.account(), body.title(), body.type(),
				body.priority(), body.dueOn(), body.assigneeUserId(), body.reason(), body.checklist()), null);
		return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id())).body(task);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One task")
	Task get(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return tasks.get(client.workspaceId(), id);
	}

	@GetMapping("/{id}/events")
	@Operation(summary = "Everything that happened to a task, oldest first")
	List<TaskEventRow> events(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return tasks.history(client.workspaceId(), id);
	}

	@PostMapping("/{id}/start")
	@Operation(summary = "Start working on a task")
	Task start(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return tasks.start(client.workspaceId(), id, null);
	}

	@PostMapping("/{id}/snooze")
	@Operation(summary = "Snooze a task until a day (its due day moves to that day)")
	Task snooze(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody SnoozeBody body) {
		return tasks.snooze(client.workspaceId(), id, body == null ? null : body.until(), null);
	}

	@PostMapping("/{id}/reassign")
	@Operation(summary = "Give a task to another user of the workspace")
	Task reassign(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody ReassignBody body) {
		if (body == null || body.userId() == null) {
			throw new InvalidInputException("invalid reassign", List.of("userId: required"));
		}
		return tasks.reassign(client.workspaceId(), id, body.userId(), null);
	}

	@PostMapping("/{id}/complete")
	@Operation(summary = "Complete a task with an outcome (contacted, resolved, no_response, escalated) and a note")
	Task complete(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody CompleteBody body) {
		return tasks.complete(client.workspaceId(), id, body == null ? null : body.outcome(),
				body == null ? null : body.note(), null);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a task with a reason")
	Task cancel(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody CancelBody body) {
		return tasks.cancel(client.workspaceId(), id, body == null ? null : body.reason(), null);
	}
}
