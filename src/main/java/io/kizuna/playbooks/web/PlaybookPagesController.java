package io.kizuna.playbooks.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.playbooks.Playbook;
import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.playbooks.PlaybookDraft;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.PlaybookPreview;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Playbook pages: the list, the builder (trigger, condition, enrollment rule, exit, steps; preview by htmx before
 * saving or activating), activate and pause, and the run log with the enrollments.
 */
@Controller
class PlaybookPagesController {

	static final int EMPTY_STEP_ROWS = 2;

	private final PlaybookManagement playbooks;

	private final WorkspaceManagement workspaces;

	private final org.springframework.context.MessageSource messages;

	PlaybookPagesController(PlaybookManagement playbooks, WorkspaceManagement workspaces,
			org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.playbooks = playbooks;
		this.workspaces = workspaces;
	}

	@GetMapping("/playbooks")
	String list(@AuthenticationPrincipal SignedInUser user, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		model.addAttribute("playbooks", playbooks.list(workspace));
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		return "playbooks/list";
	}

	@GetMapping("/playbooks/new")
	String create(@AuthenticationPrincipal SignedInUser user, Model model) {
		PlaybookDefinition definition = new PlaybookDefinition(new PlaybookDefinition.Trigger("signal_raised",
				Map.of("kind", "paying_idle")), null, null, null, List.of(new PlaybookDefinition.Step(0, "create_task",
						Map.of("title", "{{account.name}}", "type", "risk", "assignee", "owner"), false, null, null, null)));
		return editor(user.user().workspaceId(), model, null, "", definition, null);
	}

	@GetMapping("/playbooks/{ref}")
	String edit(@AuthenticationPrincipal SignedInUser user, @PathVariable String ref, Model model) {
		Playbook playbook = playbooks.resolve(user.user().workspaceId(), ref);
		return editor(user.user().workspaceId(), model, playbook, playbook.name(), playbook.definition(), null);
	}

	@PostMapping("/playbooks/preview")
	String preview(@AuthenticationPrincipal SignedInUser user, @RequestParam MultiValueMap<String, String> form,
			Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		try {
			PlaybookDefinition definition = FormDefinition.read(form);
			String id = form.getFirst("id");
			PlaybookPreview preview = playbooks.preview(workspace, definition,
					id == null || id.isBlank() ? null : Long.parseLong(id), LocaleContextHolder.getLocale());
			model.addAttribute("preview", preview);
		}
		catch (InvalidInputException e) {
			model.addAttribute("errors", e.errors().isEmpty() ? List.of(e.getMessage()) : e.errors());
		}
		return "playbooks/editor :: preview";
	}

	@PostMapping("/playbooks")
	String save(@AuthenticationPrincipal SignedInUser user, @RequestParam MultiValueMap<String, String> form,
			Model model, RedirectAttributes flash) {
		WorkspaceId workspace = user.user().workspaceId();
		String id = form.getFirst("id");
		String name = form.getFirst("name");
		PlaybookDefinition definition = null;
		try {
			definition = FormDefinition.read(form);
			Playbook saved = id == null || id.isBlank()
					? playbooks.create(workspace, new PlaybookDraft(name, definition))
					: playbooks.update(workspace, Long.parseLong(id), new PlaybookDraft(name, definition));
			flash.addFlashAttribute("done", "playbooks.saved");
			return "redirect:/playbooks/" + saved.id();
		}
		catch (InvalidInputException e) {
			Playbook existing = id == null || id.isBlank() ? null : playbooks.get(workspace, Long.parseLong(id));
			return editor(workspace, model, existing, name == null ? "" : name,
					definition != null ? definition : FormDefinition.lenient(form),
					e.errors().isEmpty() ? List.of(e.getMessage()) : e.errors());
		}
	}

	@PostMapping("/playbooks/{id}/{action}")
	String act(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String accounts,
			RedirectAttributes flash) {
		WorkspaceId workspace = user.user().workspaceId();
		try {
			switch (action) {
				case "activate" -> playbooks.activate(workspace, id);
				case "pause" -> playbooks.pause(workspace, id);
				case "run" -> {
					List<String> ids = accounts == null || accounts.isBlank() ? null
							: List.of(accounts.split("[\\s,]+")).stream().filter(s -> !s.isBlank()).toList();
					int n = playbooks.runManually(workspace, id, segment == null || segment.isBlank() ? null : segment, ids);
					flash.addFlashAttribute("enrolled", n);
				}
				case "delete" -> {
					playbooks.delete(workspace, id);
					return "redirect:/playbooks";
				}
				default -> throw new io.kizuna.shared.NotFoundException("no action " + action);
			}
			flash.addFlashAttribute("done", "playbooks.done." + action);
		}
		catch (InvalidInputException e) {
			flash.addFlashAttribute("error", e.errors().isEmpty() ? e.getMessage() : String.join("; ", e.errors()));
		}
		catch (ConflictException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/playbooks/" + id;
	}

	/** The builder's fields for one step row after its action changed (htmx). */
	@GetMapping("/playbooks/step-fields")
	String stepFields(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "0") int row,
			@RequestParam(required = false) String stepType, Model model) {
		if (row < 0 || row > PlaybookDefinition.MAX_STEPS + EMPTY_STEP_ROWS) {
			throw new InvalidInputException("row: 0 to " + (PlaybookDefinition.MAX_STEPS + EMPTY_STEP_ROWS));
		}
		model.addAttribute("row", row);
		model.addAttribute("list", fields(user.user().workspaceId(), row, stepType, Map.of(),
				LocaleContextHolder.getLocale()));
		return "playbooks/step-fields :: fields";
	}

	/** Each setting the step's action reads as its own labelled field; codes become choices with labels. */
	private List<StepField> fields(WorkspaceId workspace, int row, String type, Map<String, String> values,
			java.util.Locale locale) {
		List<StepField> fields = new ArrayList<>();
		for (String key : playbooks.stepSettings(type)) {
			Map<String, String> choices = new LinkedHashMap<>();
			Map<String, String> offered = playbooks.stepChoices(workspace, type, key, locale);
			if (!offered.isEmpty() && !offered.containsKey("")) {
				// nothing chosen means the action's default (normal priority, the owner, …), never the first choice
				choices.put("", messages.getMessage("playbooks.stepSetting.default", null, "—", locale));
			}
			choices.putAll(offered);
			String value = values.getOrDefault(key, "");
			if (!choices.isEmpty() && !value.isEmpty() && !choices.containsKey(value)) {
				// a value the choices do not list (a contact:<id>, a removed template) stays as it is, visibly
				choices.put(value, value);
			}
			fields.add(new StepField(key, "s" + row + "." + key, value, choices, MULTILINE.contains(key)));
		}
		return fields;
	}

	static final java.util.Set<String> MULTILINE = java.util.Set.of("checklist", "reason", "body", "text", "condition");

	@GetMapping("/playbooks/{ref}/log")
	String log(@AuthenticationPrincipal SignedInUser user, @PathVariable String ref, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		Playbook playbook = playbooks.resolve(workspace, ref);
		model.addAttribute("playbook", playbook);
		model.addAttribute("log", playbooks.runLog(workspace, playbook.id(), 200));
		model.addAttribute("enrollments", playbooks.enrollments(workspace, playbook.id(), 200));
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		return "playbooks/log";
	}

	/**
	 * Every trigger's settings as fields named {@code trigger.<setting>} (labelled
	 * {@code playbooks.setting.<setting>}): a setting a trigger offers choices for is a list with labels, the others
	 * free text.
	 */
	private List<StepField> triggerFields(WorkspaceId workspace, Map<String, String> values, java.util.Locale locale) {
		Map<String, StepField> fields = new LinkedHashMap<>();
		playbooks.triggers().values().forEach(t -> t.settings().forEach(key -> {
			StepField known = fields.get(key);
			if (known != null && known.choice()) {
				return;
			}
			Map<String, String> choices = new LinkedHashMap<>();
			Map<String, String> offered = t.choices(workspace, key, locale);
			if (!offered.isEmpty() && !offered.containsKey("")) {
				// every trigger's fields are on the form: one of another trigger must be able to stay blank
				choices.put("", messages.getMessage("playbooks.stepSetting.default", null, "—", locale));
			}
			choices.putAll(offered);
			String value = values.getOrDefault(key, "");
			if (!choices.isEmpty() && !value.isEmpty() && !choices.containsKey(value)) {
				// a value the choices do not list stays as it is, visibly
				choices.put(value, value);
			}
			fields.put(key, new StepField(key, "trigger." + key, value, choices, false));
		}));
		return List.copyOf(fields.values());
	}

	private String editor(WorkspaceId workspace, Model model, Playbook playbook, String name, PlaybookDefinition definition,
			List<String> errors) {
		model.addAttribute("playbook", playbook);
		model.addAttribute("name", name);
		model.addAttribute("definition", definition);
		List<PlaybookDefinition.Step> rows = new ArrayList<>(definition.steps());
		for (int i = 0; i < EMPTY_STEP_ROWS; i++) {
			rows.add(new PlaybookDefinition.Step(rows.isEmpty() ? 0 : rows.get(rows.size() - 1).day(), "", Map.of(),
					false, null, null, null));
		}
		model.addAttribute("rows", rows);
		java.util.Locale locale = LocaleContextHolder.getLocale();
		List<List<StepField>> fields = new ArrayList<>();
		List<String> extra = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			PlaybookDefinition.Step step = rows.get(i);
			fields.add(fields(workspace, i, step.type(), step.settings(), locale));
			Map<String, String> other = new LinkedHashMap<>(step.settings());
			playbooks.stepSettings(step.type()).forEach(other::remove);
			extra.add(FormDefinition.settingsText(other));
		}
		model.addAttribute("fields", fields);
		model.addAttribute("settingsText", extra);
		model.addAttribute("triggerFields", triggerFields(workspace, definition.trigger().settings(), locale));
		Map<String, List<String>> triggerSettings = new LinkedHashMap<>();
		playbooks.triggers().forEach((type, t) -> triggerSettings.put(type, t.settings()));
		model.addAttribute("triggers", triggerSettings);
		model.addAttribute("actions", playbooks.actionTypes());
		model.addAttribute("errors", errors);
		return "playbooks/editor";
	}
}
