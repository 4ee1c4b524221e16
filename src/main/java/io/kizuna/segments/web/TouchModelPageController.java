package io.kizuna.segments.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.segments.TouchLevel;
import io.kizuna.segments.TouchModelManagement;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The touch model page: each owner's book of business, and for leads the levels' names and rules. */
@Controller
class TouchModelPageController {

	private final TouchModelManagement touch;

	private final FilterMessages errors;

	private final MessageSource messages;

	TouchModelPageController(TouchModelManagement touch, FilterMessages errors, MessageSource messages) {
		this.touch = touch;
		this.errors = errors;
		this.messages = messages;
	}

	@GetMapping("/touch-model")
	String page(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String saved, Model model) {
		model.addAttribute("saved", saved != null);
		return render(user.user().workspaceId(), model, null, null);
	}

	@PostMapping("/touch-model")
	String save(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		List<TouchLevel> levels = new ArrayList<>();
		for (String code : List.of("high", "mid", "tech")) {
			levels.add(new TouchLevel(code, bounded(form.get(code + ".nameJa")), bounded(form.get(code + ".nameEn")),
					code.equals("tech") ? null : bounded(form.get(code + ".definition"))));
		}
		try {
			touch.save(workspace, levels);
			return "redirect:/touch-model?saved";
		}
		catch (FilterException ex) {
			model.addAttribute("saved", false);
			return render(workspace, model, levels, errors.describe(ex, LocaleContextHolder.getLocale()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("saved", false);
			return render(workspace, model, levels,
					messages.getMessage("touch.invalidNames", null, LocaleContextHolder.getLocale()));
		}
	}

	private String render(WorkspaceId workspace, Model model, List<TouchLevel> edited, String error) {
		model.addAttribute("book", touch.bookOfBusiness(workspace));
		model.addAttribute("levels", edited == null ? touch.levels(workspace) : edited);
		model.addAttribute("error", error);
		return "segments/touch-model";
	}

	private static String bounded(String value) {
		return value == null ? null : value.length() > 4_001 ? value.substring(0, 4_001) : value;
	}
}
