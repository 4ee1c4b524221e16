package io.kizuna.accounts.web;

import java.util.List;

import io.kizuna.accounts.AccountEditing;
import io.kizuna.shared.AccountLinks;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.User;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The edit forms of account 360. Each one posts here and comes back to the page (htmx swaps the page's main part in
 * place; without JavaScript the browser follows the redirect), with a message saying what was saved or why nothing
 * was. Who may post is the permission matrix (AccountsPages); a note is changed only by its author.
 */
@Controller
class AccountEditsController {

	private final AccountEditing editing;

	AccountEditsController(AccountEditing editing) {
		this.editing = editing;
	}

	@PostMapping("/accounts/{externalId}/owner")
	String owner(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@RequestParam(required = false) String ownerUserId, RedirectAttributes redirect) {
		return edit(externalId, "profile", redirect, () -> {
			Long owner = ownerUserId == null || ownerUserId.isBlank() ? null : parseId(ownerUserId);
			editing.changeOwner(workspace(signedIn), externalId, owner, signedIn.user());
		});
	}

	@PostMapping("/accounts/{externalId}/profile")
	String profile(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String stage,
			RedirectAttributes redirect) {
		return edit(externalId, "profile", redirect,
				() -> editing.changeTierAndStage(workspace(signedIn), externalId, tier, stage, signedIn.user()));
	}

	@PostMapping("/accounts/{externalId}/attributes")
	String setAttribute(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@RequestParam String key, @RequestParam String value, RedirectAttributes redirect) {
		return edit(externalId, "attributes", redirect,
				() -> editing.setAttribute(workspace(signedIn), externalId, key, value, signedIn.user()));
	}

	@PostMapping("/accounts/{externalId}/attributes/remove")
	String removeAttribute(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@RequestParam String key, RedirectAttributes redirect) {
		return edit(externalId, "attributes", redirect,
				() -> editing.removeAttribute(workspace(signedIn), externalId, key, signedIn.user()));
	}

	@PostMapping("/accounts/{externalId}/notes/{noteId}")
	String editNote(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@PathVariable long noteId, @RequestParam String body, RedirectAttributes redirect) {
		return edit(externalId, "notes", redirect,
				() -> editing.editNote(workspace(signedIn), externalId, noteId, body, signedIn.user()));
	}

	@PostMapping("/accounts/{externalId}/notes/{noteId}/delete")
	String deleteNote(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@PathVariable long noteId, RedirectAttributes redirect) {
		return edit(externalId, "notes", redirect,
				() -> editing.deleteNote(workspace(signedIn), externalId, noteId, signedIn.user()));
	}

	@PostMapping("/accounts/{externalId}/contact-roles")
	String contactRole(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@RequestParam String contact, @RequestParam(required = false) String role, RedirectAttributes redirect) {
		return edit(externalId, "contacts", redirect,
				() -> editing.setContactRole(workspace(signedIn), externalId, contact, role, signedIn.user()));
	}

	/** Runs the edit; the page then says "saved" or "not saved" beside the part that was edited. */
	private static String edit(String externalId, String part, RedirectAttributes redirect, Runnable edit) {
		try {
			edit.run();
			redirect.addFlashAttribute("edited", part);
		}
		catch (InvalidInputException | NotFoundException ex) {
			// The facade's reasons are English field names; the page says it in the reader's language instead.
			redirect.addFlashAttribute("editFailed", part);
		}
		return "redirect:/accounts/" + AccountLinks.encode(externalId) + "#" + part;
	}

	private static Long parseId(String value) {
		try {
			return Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("invalid account", List.of("ownerUserId: not a user"));
		}
	}

	private static io.kizuna.shared.WorkspaceId workspace(SignedInUser signedIn) {
		User user = signedIn.user();
		return user.workspaceId();
	}
}
