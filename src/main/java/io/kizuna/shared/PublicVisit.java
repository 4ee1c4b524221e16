package io.kizuna.shared;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A browser's visit to one workspace's public pages (help center, web form): {@code visitor} is a random id kept for
 * 180 days, {@code session} one that ends after 30 minutes without a page. Neither names a person. The help center and
 * the web form read the same two cookies, so a search in the help center followed days later by a ticket from the form
 * is one visitor's: that is what deflection counts. The cookies are per workspace, so two workspaces on one host never
 * share an id.
 */
public record PublicVisit(String visitor, String session) {

	public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	static final int SESSION_SECONDS = 30 * 60;

	static final int VISITOR_SECONDS = 180 * 24 * 60 * 60;

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The visit of this browser, started now if it has none; the session's half hour starts again with each call. */
	public static PublicVisit of(HttpServletRequest request, HttpServletResponse response, String workspaceSlug) {
		String visitor = cookie(request, "kz_visitor_" + workspaceSlug);
		String session = cookie(request, "kz_visit_" + workspaceSlug);
		if (visitor == null) {
			visitor = newId();
			response.addCookie(cookie(request, "kz_visitor_" + workspaceSlug, visitor, VISITOR_SECONDS));
		}
		if (session == null) {
			session = newId();
		}
		response.addCookie(cookie(request, "kz_visit_" + workspaceSlug, session, SESSION_SECONDS));
		return new PublicVisit(visitor, session);
	}

	/** A random id of 24 URL-safe characters. */
	public static String newId() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The id if it is one this class could have made, else null (a value from a form or a query is not trusted). */
	public static String valid(String id) {
		return id != null && ID.matcher(id).matches() ? id : null;
	}

	private static String cookie(HttpServletRequest request, String name) {
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (name.equals(cookie.getName()) && ID.matcher(cookie.getValue()).matches()) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	private static Cookie cookie(HttpServletRequest request, String name, String value, int maxAge) {
		Cookie cookie = new Cookie(name, value);
		cookie.setPath("/");
		cookie.setHttpOnly(true);
		cookie.setSecure(request.isSecure());
		cookie.setMaxAge(maxAge);
		cookie.setAttribute("SameSite", "Lax");
		return cookie;
	}
}
