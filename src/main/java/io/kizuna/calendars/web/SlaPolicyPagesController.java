package io.kizuna.calendars.web;

import java.util.List;
import java.util.Map;

import io.kizuna.calendars.CalendarManagement;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The SLA policies page: the policies in order, and one form that creates a policy or changes the one edited. */
@Controller
class SlaPolicyPagesController {

	private final SlaPolicyManagement policies;

	private final CalendarManagement calendars;

	SlaPolicyPagesController(SlaPolicyManagement policies, CalendarManagement calendars) {
		this.policies = policies;
		this.calendars = calendars;
	}

	@GetMapping("/settings/sla-policies")
	String list(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String edit, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		List<SlaPolicy> all = policies.list(workspace);
		model.addAttribute("policies", all);
		List<io.kizuna.calendars.Calendar> known = calendars.list(workspace);
		model.addAttribute("calendars", known);
		model.addAttribute("calendarNames", known.stream()
			.collect(java.util.stream.Collectors.toMap(io.kizuna.calendars.Calendar::key, io.kizuna.calendars.Calendar::name)));
		SlaPolicy edited = edit == null ? null : all.stream().filter(p -> p.key().equals(edit)).findFirst().orElse(null);
		model.addAttribute("edited", edited);
		model.addAttribute("nextPosition", all.stream().mapToInt(SlaPolicy::position).max().orElse(0) + 10);
		return "calendars/policies";
	}

	@PostMapping("/settings/sla-policies")
	String save(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		WorkspaceId workspace = user.user().workspaceId();
		try {
			SlaPolicy draft = new SlaPolicy(text(form.get("key")), text(form.get("name")),
					number(form.get("position"), 0), text(form.get("calendarKey")), text(form.get("priority")),
					text(form.get("tier")), text(form.get("segmentKey")), longOrNull(form.get("accountId")),
					numberOrNull(form.get("firstResponseMinutes")), numberOrNull(form.get("nextResponseMinutes")),
					numberOrNull(form.get("resolutionMinutes")), number(form.get("warningMinutes"), 0));
			boolean exists = draft.key() != null
					&& policies.list(workspace).stream().anyMatch(p -> p.key().equals(draft.key()));
			if (exists && "true".equals(form.get("editing"))) {
				policies.update(workspace, draft.key(), draft);
			}
			else {
				policies.create(workspace, draft);
			}
			redirect.addFlashAttribute("policySaved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("policyErrors", ErrorKeys.of(ex));
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("policyErrors", List.of("calendars.error.keyTaken"));
		}
		return "redirect:/settings/sla-policies";
	}

	@PostMapping("/settings/sla-policies/{key}/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable String key, RedirectAttributes redirect) {
		policies.delete(user.user().workspaceId(), key);
		redirect.addFlashAttribute("policyDeleted", true);
		return "redirect:/settings/sla-policies";
	}

	private static String text(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return CalendarPagesController.bounded(value.strip());
	}

	private static Integer numberOrNull(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("invalid SLA policy", List.of("targets: whole minutes"));
		}
	}

	private static int number(String value, int otherwise) {
		Integer n;
		try {
			n = numberOrNull(value);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("invalid SLA policy", List.of("position: a whole number"));
		}
		return n == null ? otherwise : n;
	}

	private static Long longOrNull(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("invalid SLA policy", List.of("accountId: a number"));
		}
	}

}
