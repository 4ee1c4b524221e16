package io.kizuna.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Kizuna's own sign-in page, in the visitor's language (ADR 0024); Spring Security still handles the POST, the
 * throttling ({@link ThrottledSignIn}) and sign-out. A failed sign-in comes back as {@code ?error}, a refused one as
 * {@code ?error=locked&minutes=N}: the page says which without keeping anything for an anonymous visitor.
 */
@Controller
class SignInController {

	/** Longer than any lock the window allows; a hand-made link cannot make the page claim more. */
	static final long MAX_MINUTES = 60;

	@GetMapping("/login")
	String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) Long minutes,
			@RequestParam(required = false) String logout, Model model) {
		if ("locked".equals(error)) {
			model.addAttribute("lockedMinutes", minutes == null ? 5 : Math.max(1, Math.min(MAX_MINUTES, minutes)));
		}
		else if (error != null) {
			model.addAttribute("invalid", true);
		}
		model.addAttribute("signedOut", logout != null && error == null);
		return "web/signin";
	}

	/** Where a failed sign-in goes: the reason in the address, nothing in a session. */
	static AuthenticationFailureHandler failures() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
			String target = ex instanceof ThrottledSignIn.SignInLocked locked
					? "/login?error=locked&minutes=" + locked.minutes() : "/login?error";
			response.sendRedirect(request.getContextPath() + target);
		};
	}
}
