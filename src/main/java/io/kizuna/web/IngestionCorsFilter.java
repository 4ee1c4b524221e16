package io.kizuna.web;

import java.io.IOException;

import io.kizuna.workspace.WriteKeyOrigins;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS preflights for /v1/**, answered before authentication because browsers send them without credentials
 * (ADR 0042). A preflight names no write key, so it is granted for an origin that some active key allows; the
 * call itself is then checked against its own key's origins. No credentials mode: the SDKs authenticate with the
 * key, never with cookies.
 */
class IngestionCorsFilter extends OncePerRequestFilter {

	/** What the Segment and RudderStack browser SDKs send, and the headers any fetch of theirs may add. */
	static final String ALLOWED_HEADERS = "authorization, content-type, content-encoding, anonymousid, sentat, "
			+ "x-retry-count, x-segment-settings, x-requested-with, accept, accept-language";

	private final WriteKeyOrigins keys;

	IngestionCorsFilter(WriteKeyOrigins keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader("Origin");
		if (!"OPTIONS".equals(request.getMethod()) || origin == null
				|| request.getHeader("Access-Control-Request-Method") == null) {
			chain.doFilter(request, response);
			return;
		}
		if (keys.anyKeyAllows(origin)) {
			grant(origin, response);
			response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
			response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
			response.setHeader("Access-Control-Max-Age", "86400");
			response.setStatus(204);
		}
		else {
			response.setStatus(403);
		}
	}

	static void grant(String origin, HttpServletResponse response) {
		response.setHeader("Access-Control-Allow-Origin", origin);
		response.addHeader("Vary", "Origin");
	}
}
