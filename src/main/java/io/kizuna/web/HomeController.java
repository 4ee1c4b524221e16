package io.kizuna.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
		model.addAttribute("user", signedIn.user());
		return "home";
	}
}
