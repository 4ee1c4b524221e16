package io.kizuna.playbooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tasks API (ADR 0084): my tasks, the team's, an account's; create by hand; start, snooze, reassign, complete
 * with an outcome, cancel with a reason. Every change is a task event, which the account timeline shows.
 */
@Service
public class TaskManagement {

	public static final int MAX_LIST = 500;

	private final Tasks tasks;

	private final AccountManagement accounts;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	TaskManagement(Tasks tasks, AccountManagement accounts, UserManagement people, WorkspaceManagement workspaces,
			ApplicationEventPublisher events, JsonMapper json) {
		this.tasks = tasks;
		this.accounts = accounts;
		this.people = people;
		this.workspaces = workspaces;
		this.events = events;
		this.json = json;
	}

	public LocalDate today(WorkspaceId workspace) {
		return LocalDate.now(workspaces.get(workspace).timeZone());
	}

	public Task get(WorkspaceId workspace, long id) {
		return tasks.find(workspace, id).orElseThrow(() -> new NotFoundException("no task " + id));
	}

	/** The open tasks of one person, overdue first, then by due day. */
	/** The tasks with these ids (at most {@value #MAX_LIST} a call), e.g. for the tasks of a TaskCreated event. */
	public List<Task> tasks(WorkspaceId workspace, List<Long> ids) {
		if (ids.size() > MAX_LIST) {
			throw new InvalidInputException("at most " + MAX_LIST + " tasks a call");
		}
		return ids.isEmpty() ? List.of() : tasks.byIds(workspace, ids);
	}

	public List<Task> mine(WorkspaceId workspace, long userId) {
		return tasks.open(workspace, userId, MAX_LIST);
	}

	/** Tasks filtered by status ({@code open_all} for every open one), assignee and account. */
	public List<Task> list(WorkspaceId workspace, String status, Long assignee, String accountExternalId, int limit) {
		if (status != null && !status.equals("open_all") && !Task.STATUSES.contains(status)) {
			throw new InvalidInputException("invalid filter", List.of("status: one of open_all, " + String.join(", ", Task.STATUSES)));
		}
		Long accountId = accountExternalId == null ? null : accounts.account(workspace, accountExternalId).id();
		return tasks.list(workspace, status, assignee, accountId, Math.min(Math.max(limit, 1), MAX_LIST));
	}

	public List<TeamMember> team(WorkspaceId workspace) {
		return tasks.team(workspace, today(workspace));
	}

	public List<TaskEventRow> accountEvents(WorkspaceId workspace, long accountId, int limit) {
		return tasks.events(workspace, accountId, Math.min(limit, MAX_LIST));
	}

	public List<TaskEventRow> history(WorkspaceId workspace, long taskId) {
		get(workspace, taskId);
		return tasks.taskEvents(workspace, taskId);
	}

	@Transactional
	public Task create(WorkspaceId workspace, TaskDraft draft, Long actor) {
		List<Task> created = createAll(workspace, List.of(draft), actor);
		return created.get(0);
	}

	/** Creates tasks by hand or from an import, in one statement; every draft is checked first (nothing half done). */
	@Transactional
	public List<Task> createAll(WorkspaceId workspace, List<TaskDraft> drafts, Long actor) {
		if (drafts.size() > 10_000) {
			throw new InvalidInputException("at most 10000 tasks at once");
		}
		List<Tasks.NewTask> rows = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		int line = 0;
		for (TaskDraft draft : drafts) {
			line++;
			String prefix = drafts.size() > 1 ? "row " + line + ": " : "";
			try {
				rows.add(row(workspace, draft));
			}
			catch (InvalidInputException e) {
				e.errors().forEach(err -> errors.add(prefix + err));
				if (e.errors().isEmpty()) {
					errors.add(prefix + e.getMessage());
				}
			}
			catch (NotFoundException e) {
				errors.add(prefix + "account: no account " + draft.accountExternalId());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid task", errors);
		}
		List<long[]> created = tasks.insertAll(workspace, rows, actor);
		events.publishEvent(new TaskCreated(workspace, created.stream().map(r -> r[0]).toList(),
				created.stream().map(r -> r[1]).toList(), null));
		return created.stream().map(r -> get(workspace, r[0])).toList();
	}

	private Tasks.NewTask row(WorkspaceId workspace, TaskDraft draft) {
		List<String> errors = new ArrayList<>();
		String title = draft.title() == null ? "" : draft.title().strip();
		if (title.isEmpty() || title.length() > 200) {
			errors.add("title: 1 to 200 characters");
		}
		String type = draft.type() == null ? "activity" : draft.type();
		if (!Task.TYPES.contains(type)) {
			errors.add("type: one of " + String.join(", ", Task.TYPES));
		}
		String priority = draft.priority() == null ? "normal" : draft.priority();
		if (!Task.PRIORITIES.contains(priority)) {
			errors.add("priority: one of " + String.join(", ", Task.PRIORITIES));
		}
		if (draft.reason() != null && draft.reason().length() > 2000) {
			errors.add("reason: at most 2000 characters");
		}
		List<String> checklist = draft.checklist() == null ? List.of() : draft.checklist();
		if (checklist.size() > 30 || checklist.stream().anyMatch(c -> c == null || c.isBlank() || c.length() > 200)) {
			errors.add("checklist: at most 30 items of 1 to 200 characters");
		}
		if (draft.accountExternalId() == null || draft.accountExternalId().isBlank()) {
			errors.add("account: required");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid task", errors);
		}
		Account account = accounts.account(workspace, draft.accountExternalId());
		Long assignee = draft.assigneeUserId() == null ? account.ownerUserId() : draft.assigneeUserId();
		if (assignee != null) {
			user(workspace, assignee);
		}
		LocalDate due = draft.dueOn() == null ? today(workspace) : draft.dueOn();
		String checklistJson = json.writeValueAsString(
				checklist.stream().map(c -> new Task.ChecklistItem(c.strip(), false)).toList());
		return new Tasks.NewTask(account.id(), title, type, priority, due, assignee, draft.reason(), "{}",
				checklistJson, null, null, null);
	}

	private User user(WorkspaceId workspace, long userId) {
		return people.users(workspace).stream().filter(u -> u.id() == userId && !u.disabled()).findFirst()
			.orElseThrow(() -> new InvalidInputException("invalid task", List.of("assignee: no such user")));
	}

	@Transactional
	public Task start(WorkspaceId workspace, long id, Long actor) {
		Task task = open(workspace, id);
		tasks.update(workspace, id, "status = 'in_progress', snoozed_until = null", List.of());
		tasks.event(workspace, id, task.accountId(), "started", actor, null);
		return get(workspace, id);
	}

	@Transactional
	public Task snooze(WorkspaceId workspace, long id, LocalDate until, Long actor) {
		Task task = open(workspace, id);
		if (until == null || !until.isAfter(today(workspace)) || until.isAfter(today(workspace).plusYears(1))) {
			throw new InvalidInputException("invalid snooze", List.of("until: a day after today, within a year"));
		}
		tasks.update(workspace, id, "status = 'snoozed', snoozed_until = ?, due_on = greatest(due_on, ?)",
				List.of(java.sql.Date.valueOf(until), java.sql.Date.valueOf(until)));
		tasks.event(workspace, id, task.accountId(), "snoozed", actor, until.toString());
		return get(workspace, id);
	}

	@Transactional
	public Task reassign(WorkspaceId workspace, long id, long userId, Long actor) {
		Task task = open(workspace, id);
		User to = user(workspace, userId);
		tasks.update(workspace, id, "assignee_user_id = ?", List.of(userId));
		tasks.event(workspace, id, task.accountId(), "reassigned", actor, to.displayName());
		return get(workspace, id);
	}

	@Transactional
	public Task complete(WorkspaceId workspace, long id, String outcome, String note, Long actor) {
		Task task = open(workspace, id);
		if (outcome == null || !Task.OUTCOMES.contains(outcome)) {
			throw new InvalidInputException("invalid completion", List.of("outcome: one of " + String.join(", ", Task.OUTCOMES)));
		}
		if (note != null && note.length() > 5000) {
			throw new InvalidInputException("invalid completion", List.of("note: at most 5000 characters"));
		}
		tasks.update(workspace, id, "status = 'done', outcome = ?, note = ?, closed_at = now()",
				java.util.Arrays.asList(outcome, note == null || note.isBlank() ? null : note.strip()));
		tasks.event(workspace, id, task.accountId(), "completed", actor, outcome);
		events.publishEvent(new TaskCompleted(workspace, id, task.accountId(), outcome, task.playbookId()));
		return get(workspace, id);
	}

	@Transactional
	public Task cancel(WorkspaceId workspace, long id, String reason, Long actor) {
		Task task = open(workspace, id);
		if (reason == null || reason.isBlank() || reason.length() > 1000) {
			throw new InvalidInputException("invalid cancel", List.of("reason: 1 to 1000 characters"));
		}
		tasks.update(workspace, id, "status = 'canceled', cancel_reason = ?, closed_at = now()", List.of(reason.strip()));
		tasks.event(workspace, id, task.accountId(), "canceled", actor, reason.strip());
		return get(workspace, id);
	}

	/** Ticks or unticks one checklist item. */
	@Transactional
	public Task check(WorkspaceId workspace, long id, int item, boolean done, Long actor) {
		Task task = open(workspace, id);
		if (item < 0 || item >= task.checklist().size()) {
			throw new InvalidInputException("invalid checklist item", List.of("item: 0 to " + (task.checklist().size() - 1)));
		}
		tasks.update(workspace, id, "checklist = jsonb_set(checklist, ?::text[], to_jsonb(?))",
				List.of("{" + item + ",done}", done));
		return get(workspace, id);
	}

	private Task open(WorkspaceId workspace, long id) {
		Task task = get(workspace, id);
		if (!task.isOpen()) {
			throw new io.kizuna.shared.ConflictException("task " + id + " is closed");
		}
		return task;
	}

	/** The workspace's labels for task types (edited ones, else the built-in message). */
	public Map<String, String[]> typeLabels(WorkspaceId workspace) {
		return tasks.typeLabels(workspace);
	}

	@Transactional
	public void saveTypeLabel(WorkspaceId workspace, String type, String ja, String en) {
		if (!Task.TYPES.contains(type)) {
			throw new InvalidInputException("invalid type", List.of("type: one of " + String.join(", ", Task.TYPES)));
		}
		if ((ja != null && ja.length() > 40) || (en != null && en.length() > 40)) {
			throw new InvalidInputException("invalid type", List.of("label: at most 40 characters"));
		}
		tasks.saveTypeLabel(workspace, type, blank(ja), blank(en));
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
