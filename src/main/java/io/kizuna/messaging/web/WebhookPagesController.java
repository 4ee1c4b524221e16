package io.kizuna.messaging.web;

import java.util.List;
import java.util.Map;

import io.kizuna.messaging.CreatedWebhook;
import io.kizuna.messaging.WebhookDelivery;
import io.kizuna.messaging.WebhookDraft;
import io.kizuna.messaging.Webhooks;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Webhook and Slack subscriptions with the delivery log (of all, or of one subscription) and a test button. */
@Controller
class WebhookPagesController {

	private final Webhooks webhooks;

	private final WorkspaceManagement workspaces;

	private final ErrorMessages errors;

	WebhookPagesController(Webhooks webhooks, WorkspaceManagement workspaces, ErrorMessages errors) {
		this.webhooks = webhooks;
		this.workspaces = workspaces;
		this.errors = errors;
	}

	@GetMapping("/messaging/webhooks")
	String list(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) Long webhook,
			Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		model.addAttribute("webhooks", webhooks.list(workspace));
		model.addAttribute("eventTypes", webhooks.eventTypes());
		model.addAttribute("chosen", webhook == null ? null : webhooks.get(workspace, webhook));
		model.addAttribute("deliveries", webhooks.deliveries(workspace, webhook, 100));
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		return "messaging/webhooks";
	}

	@PostMapping("/messaging/webhooks")
	String create(@AuthenticationPrincipal SignedInUser user, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		List<String> events = form.getOrDefault("events", List.of());
		try {
			if (events.size() > 50) {
				throw new InvalidInputException("events: at most 50");
			}
			CreatedWebhook created = webhooks.subscribe(user.user().workspaceId(), new WebhookDraft(
					MailPagesController.bounded(form.getFirst("name"), 200),
					MailPagesController.bounded(form.getFirst("url"), 2048),
					MailPagesController.bounded(form.getFirst("kind"), 20), events));
			redirect.addFlashAttribute("created", created);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", errors.describe(ex));
			redirect.addFlashAttribute("form", Map.of("name", String.valueOf(form.getFirst("name")), "url",
					String.valueOf(form.getFirst("url"))));
		}
		return "redirect:/messaging/webhooks";
	}

	@PostMapping("/messaging/webhooks/{id}/test")
	String test(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, RedirectAttributes redirect) {
		WebhookDelivery delivery = webhooks.sendTest(user.user().workspaceId(), id);
		redirect.addFlashAttribute("tested", delivery);
		return "redirect:/messaging/webhooks?webhook=" + id;
	}

	@PostMapping("/messaging/webhooks/{id}/active")
	String active(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean active) {
		webhooks.setActive(user.user().workspaceId(), id, active);
		return "redirect:/messaging/webhooks?webhook=" + id;
	}

	@PostMapping("/messaging/webhooks/{id}/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable long id) {
		webhooks.delete(user.user().workspaceId(), id);
		return "redirect:/messaging/webhooks";
	}
}
