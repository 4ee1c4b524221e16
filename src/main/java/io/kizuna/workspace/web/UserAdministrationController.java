package io.kizuna.workspace.web;

import io.kizuna.workspace.SignedInUser;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins change a user's role or disable them; both are audited. */
@Controller
class UserAdministrationController {

	private final UserManagement people;

	UserAdministrationController(UserManagement people) {
		this.people = people;
	}

	@PostMapping("/settings/users/{id}/role")
	String changeRole(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, @RequestParam String role,
			RedirectAttributes redirect) {
		try {
			Role newRole;
			try {
				newRole = Role.fromCode(role);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("unknown role: " + role);
			}
			people.changeRole(signedIn.user().workspaceId(), id, newRole, signedIn.user().email());
			redirect.addFlashAttribute("userSaved", true);
		}
		catch (InvalidInputException | NotFoundException ex) {
			redirect.addFlashAttribute("userErrors", List.of(ex.getMessage()));
		}
		return "redirect:/settings#users";
	}

	/** A generated password, shown once on the settings page; the user must change it at the next sign-in. */
	@PostMapping("/settings/users/{id}/password")
	String resetPassword(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id,
			RedirectAttributes redirect) {
		try {
			String password = people.resetPassword(signedIn.user().workspaceId(), id, signedIn.user().email());
			redirect.addFlashAttribute("resetPassword", password);
			people.users(signedIn.user().workspaceId()).stream()
				.filter(user -> user.id() == id)
				.findFirst()
				.ifPresent(user -> redirect.addFlashAttribute("resetUser", user.email()));
		}
		catch (InvalidInputException | NotFoundException ex) {
			redirect.addFlashAttribute("userErrors", List.of(ex.getMessage()));
		}
		return "redirect:/settings#users";
	}

	@PostMapping("/settings/users/{id}/disable")
	String disable(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id,
			@RequestParam(defaultValue = "true") boolean disabled, RedirectAttributes redirect) {
		try {
			people.setDisabled(signedIn.user().workspaceId(), id, disabled, signedIn.user().email());
			redirect.addFlashAttribute("userSaved", true);
		}
		catch (InvalidInputException | NotFoundException ex) {
			redirect.addFlashAttribute("userErrors", List.of(ex.getMessage()));
		}
		return "redirect:/settings#users";
	}
}
