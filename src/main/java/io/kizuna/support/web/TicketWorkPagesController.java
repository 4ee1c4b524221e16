package io.kizuna.support.web;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.SplitRefused;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.TicketViewers;
import io.kizuna.workspace.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Agents working on the same tickets: splitting a customer's message into a new ticket, and the heartbeat of an open
 * ticket page that answers who else has it open (the page polls it with htmx).
 */
@Controller
class TicketWorkPagesController {

	private final SupportDesk desk;

	private final TicketViewers viewers;

	TicketWorkPagesController(SupportDesk desk, TicketViewers viewers) {
		this.desk = desk;
		this.viewers = viewers;
	}

	@PostMapping("/support/tickets/{id}/messages/{message}/split")
	String split(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, @PathVariable long message,
			RedirectAttributes redirect) {
		try {
			long created = desk.split(user.user().workspaceId(), id, message, user.user().id()).id();
			redirect.addFlashAttribute("notice", "support.split.done");
			return "redirect:/support/tickets/" + created;
		}
		catch (SplitRefused ex) {
			redirect.addFlashAttribute("errorKey", "support.split.refused." + ex.reason());
			return "redirect:/support/tickets/" + id;
		}
	}

	@PostMapping("/support/tickets/{id}/viewers")
	String heartbeat(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean typing, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		model.addAttribute("viewers", viewers.heartbeat(ws, id, user.user(), typing));
		return "support/ticket-viewers :: list";
	}

	@PostMapping("/support/tickets/{id}/viewers/leave")
	org.springframework.http.ResponseEntity<Void> leave(@AuthenticationPrincipal SignedInUser user,
			@PathVariable long id) {
		viewers.leave(user.user().workspaceId(), id, user.user());
		return org.springframework.http.ResponseEntity.noContent().build();
	}
}
