package io.kizuna.web;

import io.kizuna.workspace.SignedInUser;
import java.io.IOException;

import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session remembers the user as they were at sign-in. Disabling a user or changing their role must take effect
 * at once, so every request compares with the stored user and ends a session that no longer matches. A user whose
 * password an admin reset is sent to the password page until they have chosen their own.
 */
class ActiveUserFilter extends OncePerRequestFilter {

	private final UserManagement people;

	/** What a person who must change their password can still reach: the page itself, sign-out, the error page. */
	static final java.util.Set<String> MAY_WAIT_FOR_PASSWORD = java.util.Set.of("/password", "/logout", "/error",
			"/favicon.ico");

	static boolean isStatic(String path) {
		return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
				|| path.startsWith("/images/");
	}

	ActiveUserFilter(UserManagement people) {
		this.people = people;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof SignedInUser signedIn) {
			User current = people.findUser(signedIn.user().email()).orElse(null);
			if (current == null || current.disabled() || current.role() != signedIn.user().role()
					|| !current.workspaceId().equals(signedIn.user().workspaceId())) {
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				response.sendRedirect(request.getContextPath() + "/login?expired");
				return;
			}
			if (!MAY_WAIT_FOR_PASSWORD.contains(request.getServletPath()) && !isStatic(request.getServletPath())
					&& people.passwordChangeRequired(current.email())) {
				response.sendRedirect(request.getContextPath() + "/password");
				return;
			}
		}
		chain.doFilter(request, response);
	}
}
