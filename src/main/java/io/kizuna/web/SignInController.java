package io.kizuna.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import io.kizuna.workspace.SignedInUser;
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

	/**
	 * The language a signed-out redirect to the sign-in page keeps, as {@code lang=xx} (or null): the request's own
	 * {@code ?lang}, else the language picked earlier (the cookie), else, at sign-out, the signed-in workspace's.
	 */
	static String language(HttpServletRequest request, org.springframework.security.core.Authentication signedIn,
			io.kizuna.workspace.WorkspaceManagement workspaces) {
		String lang = request.getParameter("lang");
		if (lang != null && WebConfiguration.SUPPORTED.contains(lang)) {
			return lang;
		}
		if (request.getCookies() != null) {
			for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
				if ("kizuna-lang".equals(cookie.getName()) && cookie.getValue() != null) {
					String picked = java.util.Locale.forLanguageTag(cookie.getValue()).getLanguage();
					if (WebConfiguration.SUPPORTED.contains(picked)) {
						return picked;
					}
				}
			}
		}
		if (signedIn != null && signedIn.getPrincipal() instanceof SignedInUser user) {
			String language = workspaces.get(user.user().workspaceId()).locale().getLanguage();
			return WebConfiguration.SUPPORTED.contains(language) ? language : null;
		}
		return null;
	}

	/** The sign-in page for an anonymous visitor, in the language the visitor asked for ({@code ?lang}). */
	static org.springframework.security.web.AuthenticationEntryPoint entryPoint() {
		return new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/login") {
			@Override
			protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
					AuthenticationException exception) {
				String lang = request.getParameter("lang");
				return lang != null && WebConfiguration.SUPPORTED.contains(lang) ? "/login?lang=" + lang : "/login";
			}
		};
	}

	/** After sign-out: the sign-in page in the language the person was using. */
	static org.springframework.security.web.authentication.logout.LogoutSuccessHandler signedOut(
			io.kizuna.workspace.WorkspaceManagement workspaces) {
		return (request, response, authentication) -> {
			String lang = language(request, authentication, workspaces);
			response.sendRedirect(request.getContextPath() + "/login?logout" + (lang == null ? "" : "&lang=" + lang));
		};
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
