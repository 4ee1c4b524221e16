package io.kizuna.web;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last rule of the web app's matrix: a page that exists but that no module placed in the matrix is refused to
 * everyone; a path that is no page at all lets a signed-in person through to the 404 page (a mistyped address is
 * "not found", not "forbidden") and sends anyone else to sign in.
 */
final class UndeclaredPages implements AuthorizationManager<RequestAuthorizationContext> {

	private final RequestMappingHandlerMapping pages;

	UndeclaredPages(RequestMappingHandlerMapping pages) {
		this.pages = pages;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication who = authentication.get();
		boolean signedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
		return new AuthorizationDecision(signedIn && !isPage(context.getRequest()));
	}

	private boolean isPage(HttpServletRequest request) {
		boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
		if (parsedHere) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			return pages.getHandler(request) != null;
		}
		catch (Exception ex) {
			// A page under another method or content type is a page all the same.
			return true;
		}
		finally {
			if (parsedHere) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}
}
