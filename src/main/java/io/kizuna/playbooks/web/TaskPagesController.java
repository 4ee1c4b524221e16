package io.kizuna.playbooks.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskDraft;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The task inbox (mine, overdue first), creating a task by hand, acting on one, and the team view for leads. */
@Controller
class TaskPagesController {

	private final TaskManagement tasks;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	private final TaskLabels labels;

	TaskPagesController(TaskManagement tasks, UserManagement people, WorkspaceManagement workspaces, TaskLabels labels) {
		this.tasks = tasks;
		this.people = people;
		this.workspaces = workspaces;
		this.labels = labels;
	}

	@GetMapping("/tasks")
	String inbox(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String view,
			Model model) {
		User user = signedIn.user();
		WorkspaceId workspace = user.workspaceId();
		boolean all = "all".equals(view) && (user.role() == Role.ADMIN || user.role() == Role.MANAGER);
		List<Task> list = all ? tasks.list(workspace, "open_all", null, null, TaskManagement.MAX_LIST)
				: tasks.mine(workspace, user.id());
		LocalDate today = tasks.today(workspace);
		model.addAttribute("tasks", list);
		model.addAttribute("today", today);
		model.addAttribute("all", all);
		model.addAttribute("overdue", list.stream().filter(t -> t.overdue(today)).count());
		model.addAttribute("users", people.users(workspace).stream().filter(u -> !u.disabled()).toList());
		model.addAttribute("outcomes", Task.OUTCOMES);
		model.addAttribute("labels", labels.of(workspace));
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		return "playbooks/tasks";
	}

	@GetMapping("/tasks/new")
	String form(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String account,
			Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		model.addAttribute("account", account == null ? "" : account);
		model.addAttribute("types", Task.TYPES);
		model.addAttribute("priorities", Task.PRIORITIES);
		model.addAttribute("users", people.users(workspace).stream().filter(u -> !u.disabled()).toList());
		model.addAttribute("labels", labels.of(workspace));
		model.addAttribute("today", tasks.today(workspace));
		return "playbooks/task-new";
	}

	@PostMapping("/tasks")
	String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String account,
			@RequestParam String title, @RequestParam(defaultValue = "activity") String type,
			@RequestParam(defaultValue = "normal") String priority, @RequestParam(required = false) LocalDate dueOn,
			@RequestParam(required = false) Long assignee, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String checklist, RedirectAttributes flash) {
		User user = signedIn.user();
		List<String> items = checklist == null ? List.of()
				: Arrays.stream(checklist.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		try {
			tasks.create(user.workspaceId(), new TaskDraft(account.strip(), title, type, priority, dueOn, assignee,
					reason == null || reason.isBlank() ? null : reason.strip(), items), user.id());
			flash.addFlashAttribute("done", "playbooks.tasks.created");
		}
		catch (InvalidInputException | io.kizuna.shared.NotFoundException e) {
			flash.addFlashAttribute("error", e instanceof InvalidInputException i && !i.errors().isEmpty()
					? String.join("; ", i.errors()) : e.getMessage());
			return "redirect:/tasks/new?account=" + java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8);
		}
		return "redirect:/tasks";
	}

	@PostMapping("/tasks/{id}/{action}")
	String act(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) LocalDate until, @RequestParam(required = false) Long userId,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
			@RequestParam(required = false) String reason, @RequestParam(required = false) Integer item,
			@RequestParam(required = false) String back, RedirectAttributes flash) {
		User user = signedIn.user();
		WorkspaceId workspace = user.workspaceId();
		try {
			switch (action) {
				case "start" -> tasks.start(workspace, id, user.id());
				case "snooze" -> tasks.snooze(workspace, id, until, user.id());
				case "reassign" -> {
					if (userId == null) {
						throw new InvalidInputException("invalid reassign", List.of("userId: required"));
					}
					tasks.reassign(workspace, id, userId, user.id());
				}
				case "complete" -> tasks.complete(workspace, id, outcome, note, user.id());
				case "cancel" -> tasks.cancel(workspace, id, reason, user.id());
				case "check" -> {
					Task task = tasks.get(workspace, id);
					int i = item == null ? -1 : item;
					boolean done = i >= 0 && i < task.checklist().size() && !task.checklist().get(i).done();
					tasks.check(workspace, id, i, done, user.id());
				}
				default -> throw new io.kizuna.shared.NotFoundException("no action " + action);
			}
			flash.addFlashAttribute("done", "playbooks.tasks.done." + action);
		}
		catch (InvalidInputException e) {
			flash.addFlashAttribute("error", e.errors().isEmpty() ? e.getMessage() : String.join("; ", e.errors()));
		}
		catch (ConflictException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:" + ("all".equals(back) ? "/tasks?view=all" : "/tasks");
	}

	@GetMapping("/tasks/team")
	String team(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		model.addAttribute("team", tasks.team(workspace));
		model.addAttribute("types", Task.TYPES);
		model.addAttribute("custom", tasks.typeLabels(workspace));
		model.addAttribute("labels", labels.of(workspace));
		return "playbooks/team";
	}

	@PostMapping("/tasks/types")
	String saveType(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String type,
			@RequestParam(required = false) String ja, @RequestParam(required = false) String en,
			RedirectAttributes flash) {
		try {
			tasks.saveTypeLabel(signedIn.user().workspaceId(), type, ja, en);
			flash.addFlashAttribute("done", "playbooks.tasks.typeSaved");
		}
		catch (InvalidInputException e) {
			flash.addFlashAttribute("error", String.join("; ", e.errors()));
		}
		return "redirect:/tasks/team";
	}
}
