package io.kizuna.messaging.web;

import java.util.List;
import java.util.Map;

import io.kizuna.messaging.MailTemplate;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.messaging.SmtpDraft;
import io.kizuna.messaging.TemplateDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outbox (each message with its status and rendered text), templates, SMTP settings and suppressions. */
@Controller
class MailPagesController {

	static final List<String> STATUSES = List.of("queued", "sending", "sent", "retrying", "failed", "suppressed");

	private final OutboundMail mail;

	private final WorkspaceManagement workspaces;

	private final ErrorMessages errors;

	MailPagesController(OutboundMail mail, WorkspaceManagement workspaces, ErrorMessages errors) {
		this.mail = mail;
		this.workspaces = workspaces;
		this.errors = errors;
	}

	@GetMapping("/messaging/outbox")
	String outbox(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String status,
			Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		String chosen = STATUSES.contains(status) ? status : "";
		model.addAttribute("messages", mail.outbox(workspace, chosen, 100));
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("status", chosen);
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		model.addAttribute("smtpMissing", mail.smtpSettings(workspace).isEmpty());
		return "messaging/outbox";
	}

	@GetMapping("/messaging/templates")
	String templates(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String key,
			@RequestParam(required = false) String language, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		model.addAttribute("templates", mail.templates(workspace));
		model.addAttribute("variables", mail.variables());
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		if (!model.containsAttribute("draft")) {
			MailTemplate existing = key == null ? null
					: mail.template(workspace, key, "en".equals(language) ? "en" : "ja").orElse(null);
			model.addAttribute("draft", existing == null
					? new TemplateDraft("", workspaces.get(workspace).locale().getLanguage(), "", "", "")
					: new TemplateDraft(existing.key(), existing.language(), existing.name(), existing.subject(),
							existing.body()));
		}
		return "messaging/templates";
	}

	@PostMapping("/messaging/templates")
	String saveTemplate(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		TemplateDraft draft = new TemplateDraft(bounded(form.get("key"), 100), bounded(form.get("language"), 5),
				bounded(form.get("name"), 200), bounded(form.get("subject"), 400), bounded(form.get("body"), 25_000));
		try {
			MailTemplate saved = mail.saveTemplate(user.user().workspaceId(), draft);
			redirect.addFlashAttribute("saved", saved.key());
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", errors.describe(ex));
			redirect.addFlashAttribute("draft", draft);
		}
		return "redirect:/messaging/templates";
	}

	@PostMapping("/messaging/templates/delete")
	String deleteTemplate(@AuthenticationPrincipal SignedInUser user, @RequestParam String key,
			@RequestParam String language) {
		mail.deleteTemplate(user.user().workspaceId(), bounded(key, 100), bounded(language, 5));
		return "redirect:/messaging/templates";
	}

	@GetMapping("/messaging/smtp")
	String smtp(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("smtp", mail.smtpSettings(user.user().workspaceId()).orElse(null));
		return "messaging/smtp";
	}

	@PostMapping("/messaging/smtp")
	String saveSmtp(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		try {
			mail.saveSmtpSettings(user.user().workspaceId(), new SmtpDraft(bounded(form.get("host"), 300),
					number(form.get("port")), bounded(form.get("security"), 20), bounded(form.get("username"), 300),
					bounded(form.get("password"), 600), bounded(form.get("fromAddress"), 300),
					number(form.get("ratePerMinute"))));
			redirect.addFlashAttribute("saved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", errors.describe(ex));
		}
		return "redirect:/messaging/smtp";
	}

	@GetMapping("/messaging/suppressions")
	String suppressions(@AuthenticationPrincipal SignedInUser user, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		model.addAttribute("suppressions", mail.suppressions(workspace, 500));
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		return "messaging/suppressions";
	}

	@PostMapping("/messaging/suppressions")
	String suppress(@AuthenticationPrincipal SignedInUser user, @RequestParam String email,
			RedirectAttributes redirect) {
		try {
			mail.suppress(user.user().workspaceId(), bounded(email, 300));
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", errors.describe(ex));
		}
		return "redirect:/messaging/suppressions";
	}

	@PostMapping("/messaging/suppressions/remove")
	String unsuppress(@AuthenticationPrincipal SignedInUser user, @RequestParam String email) {
		mail.unsuppress(user.user().workspaceId(), bounded(email, 300));
		return "redirect:/messaging/suppressions";
	}

	static String bounded(String text, int max) {
		if (text != null && text.length() > max) {
			throw new InvalidInputException("at most " + max + " characters");
		}
		return text;
	}

	static Integer number(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
