package io.kizuna.messaging.web;

import io.kizuna.messaging.OutboundMail;
import io.kizuna.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The public unsubscribe page of every message's footer: the token (256 random bits) is the only credential; GET
 * asks to confirm (link scanners must not unsubscribe people), POST — also RFC 8058's one-click from the mail
 * client — adds the address to the workspace's suppression list.
 */
@Controller
class UnsubscribeController {

	private final OutboundMail mail;

	UnsubscribeController(OutboundMail mail) {
		this.mail = mail;
	}

	@GetMapping("/unsubscribe/{token}")
	String confirm(@PathVariable String token, Model model) {
		String email = mail.recipientOf(token).orElseThrow(() -> new NotFoundException("no such link"));
		model.addAttribute("email", email);
		model.addAttribute("token", token);
		return "messaging/unsubscribe";
	}

	@PostMapping("/unsubscribe/{token}")
	String unsubscribe(@PathVariable String token, Model model) {
		String email = mail.recipientOf(token).orElseThrow(() -> new NotFoundException("no such link"));
		mail.unsubscribe(token);
		model.addAttribute("email", email);
		model.addAttribute("done", true);
		return "messaging/unsubscribe";
	}
}
