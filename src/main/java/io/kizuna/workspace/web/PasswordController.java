package io.kizuna.workspace.web;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.UserManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Everyone changes their own password here: the current one and the new one twice. After an admin reset it, the
 * web app sends the person here until they have (ActiveUserFilter).
 */
@Controller
class PasswordController {

	private final UserManagement people;

	PasswordController(UserManagement people) {
		this.people = people;
	}

	@GetMapping("/password")
	String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
		model.addAttribute("required", people.passwordChangeRequired(signedIn.user().email()));
		return "workspace/password";
	}

	@PostMapping("/password")
	String change(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String current,
			@RequestParam(required = false) String password, @RequestParam(required = false) String repeat,
			RedirectAttributes redirect, Model model) {
		boolean required = people.passwordChangeRequired(signedIn.user().email());
		try {
			people.changeOwnPassword(signedIn.user(), current, password, repeat);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("required", required);
			model.addAttribute("errors", ex.errors().stream().map(PasswordController::messageKey).toList());
			return "workspace/password";
		}
		redirect.addFlashAttribute("passwordChanged", true);
		// Back to work after a forced change; otherwise stay and say it is done.
		return required ? "redirect:/" : "redirect:/password";
	}

	static String messageKey(String error) {
		return switch (error) {
			case UserManagement.WRONG_CURRENT_PASSWORD -> "password.error.current";
			case UserManagement.PASSWORDS_DIFFER -> "password.error.repeat";
			case UserManagement.SAME_PASSWORD -> "password.error.same";
			default -> "password.error.policy";
		};
	}
}
