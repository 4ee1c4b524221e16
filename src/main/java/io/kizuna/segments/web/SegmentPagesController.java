package io.kizuna.segments.web;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.segments.FieldType;
import io.kizuna.segments.Segment;
import io.kizuna.segments.SegmentDraft;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.segments.SegmentSize;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.segments.filter.FilterNode.Operator;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The segments pages: the list with each segment's size over 30 days, and the editor — the builder and the text of
 * one definition side by side, the count and first matching accounts refreshed by htmx as either changes.
 */
@Controller
class SegmentPagesController {

	static final int SPARK_DAYS = 30;

	private final SegmentManagement segments;

	private final FilterMessages errors;

	private final MessageSource messages;

	private final io.kizuna.workspace.WorkspaceManagement workspaces;

	SegmentPagesController(SegmentManagement segments, FilterMessages errors, MessageSource messages,
			io.kizuna.workspace.WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
		this.segments = segments;
		this.errors = errors;
		this.messages = messages;
	}

	record Listed(Segment segment, String sparkline, List<SegmentSize> sizes) {
	}

	@GetMapping("/segments")
	String list(@AuthenticationPrincipal SignedInUser user, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		java.time.ZoneId zone = workspaces.get(workspace).timeZone();
		model.addAttribute("zone", zone);
		LocalDate from = LocalDate.now(zone).minusDays(SPARK_DAYS - 1);
		model.addAttribute("segments", segments.list(workspace).stream().map(s -> {
			List<SegmentSize> sizes = segments.sizes(workspace, s.key(), from);
			return new Listed(s, Sparkline.points(sizes, from, SPARK_DAYS), sizes);
		}).toList());
		return "segments/list";
	}

	@GetMapping("/segments/new")
	String create(Model model) {
		Builder builder = new Builder();
		builder.addGroup();
		editor(model, builder, "", null, null, null);
		return "segments/editor";
	}

	@GetMapping("/segments/{key}")
	String show(@AuthenticationPrincipal SignedInUser user, @PathVariable String key, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		Segment segment = segments.get(workspace, key);
		Builder builder = Builder.fromNode(segments.parse(segment.definition()));
		editor(model, builder, segment.definition(), segment, null, workspace);
		model.addAttribute("changes", segments.changes(workspace, key, 50));
		java.time.ZoneId zone = workspaces.get(workspace).timeZone();
		model.addAttribute("zone", zone);
		LocalDate from = LocalDate.now(zone).minusDays(SPARK_DAYS - 1);
		List<SegmentSize> sizes = segments.sizes(workspace, key, from);
		model.addAttribute("sizes", sizes);
		model.addAttribute("sparkline", Sparkline.points(sizes, from, SPARK_DAYS));
		return "segments/editor";
	}

	/** The builder re-rendered after a change (an added or removed row, a field chosen, the text applied). */
	@PostMapping("/segment-builder")
	String builder(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		String action = form.getOrDefault("action", "");
		Builder builder;
		String text;
		String error = null;
		if (action.equals("use-text")) {
			text = limit(form.get("definition"));
			try {
				builder = Builder.fromNode(segments.parse(text));
				text = segments.normalize(text);
			}
			catch (FilterException ex) {
				builder = Builder.fromForm(form);
				error = errors.describe(ex, LocaleContextHolder.getLocale());
			}
		}
		else {
			builder = Builder.fromForm(form);
			if (action.equals("add-group")) {
				builder.addGroup();
			}
			else if (action.startsWith("add-row:")) {
				builder.addRow(index(action, 1));
			}
			else if (action.startsWith("remove-row:")) {
				builder.removeRow(index(action, 1), index(action, 2));
			}
			text = builder.text(segments.fields());
		}
		editor(model, builder, text, null, error, workspace);
		model.addAttribute("key", limit(form.get("key")));
		model.addAttribute("name", limit(form.get("name")));
		return "segments/editor :: editor";
	}

	@PostMapping("/segments")
	String save(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		return store(user, null, form, model);
	}

	@PostMapping("/segments/{key}")
	String update(@AuthenticationPrincipal SignedInUser user, @PathVariable String key,
			@RequestParam Map<String, String> form, Model model) {
		return store(user, key, form, model);
	}

	private String store(SignedInUser user, String existing, Map<String, String> form, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		String text = limit(form.get("definition"));
		try {
			Segment saved = existing == null
					? segments.create(workspace, new SegmentDraft(limit(form.get("key")), limit(form.get("name")), text))
					: segments.update(workspace, existing, new SegmentDraft(existing, limit(form.get("name")), text));
			return "redirect:/segments/" + saved.key();
		}
		catch (FilterException ex) {
			return failed(model, workspace, form, text, existing, errors.describe(ex, LocaleContextHolder.getLocale()));
		}
		catch (ConflictException ex) {
			return failed(model, workspace, form, text, existing, message("segments.keyTaken"));
		}
		catch (InvalidInputException ex) {
			return failed(model, workspace, form, text, existing, message("segments.invalidSave"));
		}
	}

	private String failed(Model model, WorkspaceId workspace, Map<String, String> form, String text, String existing,
			String error) {
		Builder builder = Builder.fromForm(form);
		editor(model, builder, text, existing == null ? null : segments.get(workspace, existing), error, workspace);
		model.addAttribute("key", limit(form.get("key")));
		model.addAttribute("name", limit(form.get("name")));
		return "segments/editor";
	}

	/** The editor's model: the builder, the text, the preview of what the text matches (or why it cannot run). */
	private void editor(Model model, Builder builder, String text, Segment segment, String error, WorkspaceId workspace) {
		model.addAttribute("builder", builder);
		model.addAttribute("definition", text);
		model.addAttribute("segment", segment);
		model.addAttribute("key", segment == null ? "" : segment.key());
		model.addAttribute("name", segment == null ? "" : segment.name());
		model.addAttribute("fields", fieldsByGroup());
		model.addAttribute("fieldTypes", fieldTypes());
		model.addAttribute("argumentFields", segments.fields().values().stream().filter(SegmentField::takesArgument)
			.map(SegmentField::key).collect(java.util.stream.Collectors.toSet()));
		Map<String, List<String>> choices = new LinkedHashMap<>();
		segments.fields().values().stream().filter(f -> !f.choices().isEmpty()).forEach(f -> choices.put(f.key(), f.choices()));
		model.addAttribute("choices", choices);
		model.addAttribute("operators", Operator.values());
		model.addAttribute("error", error);
		if (error == null && workspace != null && !text.isBlank()) {
			try {
				model.addAttribute("preview", segments.preview(workspace, text));
			}
			catch (FilterException ex) {
				model.addAttribute("error", errors.describe(ex, LocaleContextHolder.getLocale()));
			}
		}
	}

	private Map<String, List<SegmentField>> fieldsByGroup() {
		Map<String, List<SegmentField>> groups = new LinkedHashMap<>();
		segments.fields().values().stream().sorted(Comparator.comparing(SegmentField::key))
			.forEach(f -> groups.computeIfAbsent(f.group(), g -> new java.util.ArrayList<>()).add(f));
		return groups;
	}

	private Map<String, FieldType> fieldTypes() {
		Map<String, FieldType> types = new LinkedHashMap<>();
		segments.fields().forEach((key, field) -> types.put(key, field.type()));
		return types;
	}

	private String message(String key) {
		return messages.getMessage(key, null, LocaleContextHolder.getLocale());
	}

	private static int index(String action, int part) {
		String[] parts = action.split(":");
		try {
			return parts.length > part ? Integer.parseInt(parts[part]) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String limit(String value) {
		if (value == null) {
			return "";
		}
		return value.length() > 4_001 ? value.substring(0, 4_001) : value;
	}
}
