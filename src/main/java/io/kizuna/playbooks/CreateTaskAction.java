package io.kizuna.playbooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code create_task}: a task for the account's owner, the workspace's manager or a named user, due {@code due_days}
 * after the step runs. A batch is one INSERT … SELECT; the step key is the task's unique key, so a step run twice
 * (replay, restart, second node) leaves one task.
 */
@Component
class CreateTaskAction implements PlaybookAction {

	private final Tasks tasks;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final org.springframework.context.MessageSource messages;

	CreateTaskAction(Tasks tasks, UserManagement people, WorkspaceManagement workspaces,
			ApplicationEventPublisher events, JsonMapper json, org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.tasks = tasks;
		this.people = people;
		this.workspaces = workspaces;
		this.events = events;
		this.json = json;
	}

	@Override
	public String type() {
		return "create_task";
	}

	@Override
	public List<String> settings() {
		return List.of("title", "type", "priority", "due_days", "assignee", "checklist", "reason");
	}

	@Override
	public Map<String, String> choices(WorkspaceId workspace, String setting, java.util.Locale locale) {
		Map<String, String> choices = new java.util.LinkedHashMap<>();
		switch (setting) {
			case "type" -> {
				Map<String, String[]> own = tasks.typeLabels(workspace);
				for (String type : Task.TYPES) {
					String[] labels = own.get(type);
					String label = labels == null ? null : locale.getLanguage().equals("ja") ? labels[0] : labels[1];
					choices.put(type, label != null ? label : messages.getMessage("playbooks.type." + type, null, type, locale));
				}
			}
			case "priority" -> Task.PRIORITIES.forEach(p -> choices.put(p,
					messages.getMessage("playbooks.priority." + p, null, p, locale)));
			case "assignee" -> {
				choices.put("owner", messages.getMessage("playbooks.assigneeChoice.owner", null, "owner", locale));
				choices.put("manager", messages.getMessage("playbooks.assigneeChoice.manager", null, "manager", locale));
				people.users(workspace).stream().filter(u -> !u.disabled())
					.forEach(u -> choices.put("user:" + u.id(), u.displayName()));
			}
			default -> {
			}
		}
		return choices;
	}

	@Override
	public void validate(WorkspaceId workspace, Map<String, String> settings) {
		List<String> errors = new ArrayList<>();
		String title = settings.get("title");
		if (title == null || title.isBlank() || title.length() > 200) {
			errors.add("title: 1 to 200 characters");
		}
		if (settings.get("type") != null && !Task.TYPES.contains(settings.get("type"))) {
			errors.add("type: one of " + String.join(", ", Task.TYPES));
		}
		if (settings.get("priority") != null && !Task.PRIORITIES.contains(settings.get("priority"))) {
			errors.add("priority: one of " + String.join(", ", Task.PRIORITIES));
		}
		String due = settings.getOrDefault("due_days", "0");
		if (!due.matches("\\d{1,3}")) {
			errors.add("due_days: 0 to 999");
		}
		String assignee = settings.getOrDefault("assignee", "owner");
		if (!assignee.equals("owner") && !assignee.equals("manager") && !assignee.matches("user:\\d{1,18}")) {
			errors.add("assignee: owner, manager or user:<id>");
		}
		else if (assignee.startsWith("user:") && people.users(workspace).stream()
			.noneMatch(u -> u.id() == Long.parseLong(assignee.substring(5)))) {
			errors.add("assignee: no such user");
		}
		String checklist = settings.get("checklist");
		if (checklist != null && (checklist.length() > 3000 || checklist.lines().count() > 30)) {
			errors.add("checklist: at most 30 lines");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid step", errors);
		}
		Templates.validate("title", title);
		Templates.validate("reason", settings.get("reason"));
	}

	@Override
	public ActionOutcome run(ActionContext context) {
		return runAll(List.of(context)).get(0);
	}

	@Override
	public List<ActionOutcome> runAll(List<ActionContext> contexts) {
		if (contexts.isEmpty()) {
			return List.of();
		}
		WorkspaceId workspace = contexts.get(0).workspace();
		LocalDate today = LocalDate.now(workspaces.get(workspace).timeZone());
		Long manager = people.users(workspace).stream().filter(u -> u.role() == Role.MANAGER && !u.disabled())
			.map(User::id).findFirst().orElse(null);
		List<Tasks.NewTask> rows = new ArrayList<>(contexts.size());
		Map<String, String> checklists = new HashMap<>();
		Map<String, java.util.function.Function<Map<String, Object>, String>> texts = new HashMap<>();
		for (ActionContext c : contexts) {
			Map<String, String> s = c.settings();
			String assignee = s.getOrDefault("assignee", "owner");
			Long owner = (Long) c.variables().get("owner.user_id");
			Long to = switch (assignee) {
				case "owner" -> owner;
				case "manager" -> manager != null ? manager : owner;
				default -> Long.parseLong(assignee.substring(5));
			};
			Map<String, Object> evidence = new HashMap<>();
			c.variables().forEach((k, v) -> {
				if (k.startsWith("evidence.")) {
					evidence.put(k.substring(9), v);
				}
			});
			String checklist = checklists.computeIfAbsent(s.getOrDefault("checklist", ""),
					text -> json.writeValueAsString(Arrays.stream(text.split("\n")).map(String::strip)
						.filter(line -> !line.isEmpty()).map(line -> new Task.ChecklistItem(line, false)).toList()));
			String title = texts.computeIfAbsent("t" + s.get("title"), k -> Templates.compiled(s.get("title")))
				.apply(c.variables());
			rows.add(new Tasks.NewTask(((Number) c.variables().get("account.id")).longValue(),
					title.length() > 200 ? title.substring(0, 200) : title, s.getOrDefault("type", "risk"),
					s.getOrDefault("priority", "normal"), today.plusDays(Integer.parseInt(s.getOrDefault("due_days", "0"))),
					to, texts.computeIfAbsent("r" + s.get("reason"), k -> Templates.compiled(s.get("reason")))
						.apply(c.variables()), json.writeValueAsString(evidence), checklist,
					c.playbookId(), ((Number) c.variables().get("enrollment.id")).longValue(), c.stepKey()));
		}
		List<long[]> created = tasks.insertAll(workspace, rows, null);
		if (!created.isEmpty()) {
			events.publishEvent(new TaskCreated(workspace, created.stream().map(r -> r[0]).toList(),
					created.stream().map(r -> r[1]).toList(), contexts.get(0).playbookId()));
		}
		// a row not created had its task already (the same step key): done either way, never twice
		return contexts.stream().map(c -> ActionOutcome.done("task")).toList();
	}
}
