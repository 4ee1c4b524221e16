package io.kizuna.workspace.web;

import io.kizuna.workspace.SignedInUser;
import java.util.Arrays;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The hosts and address blocks inside the network that outbound calls (webhooks) may reach; admins only. */
@Controller
class OutboundSettingsController {

	private final WorkspaceManagement workspaces;

	OutboundSettingsController(WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
	}

	@GetMapping("/settings/outbound")
	String form(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
		if (!model.containsAttribute("entries")) {
			model.addAttribute("entries", String.join("\n", workspaces.outboundAllowList(signedIn.user().workspaceId())));
		}
		return "workspace/outbound";
	}

	@PostMapping("/settings/outbound")
	String save(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String entries,
			RedirectAttributes redirect) {
		if (entries.length() > 20_000) {
			redirect.addFlashAttribute("errors", List.of("at most 100 allow-list entries"));
			return "redirect:/settings/outbound";
		}
		List<String> lines = Arrays.stream(entries.split("\\R|,")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		try {
			workspaces.saveOutboundAllowList(signedIn.user().workspaceId(), lines);
			redirect.addFlashAttribute("saved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors());
			redirect.addFlashAttribute("entries", entries);
		}
		return "redirect:/settings/outbound";
	}
}
