package io.kizuna.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.kizuna.workspace.IngestionKey;
import io.kizuna.workspace.WriteKeyOrigins;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Segment's scheme: the write key is the user name of HTTP Basic authentication (empty password), or the body's
 * {@code writeKey} (Segment's Java library sends it only there; the browser SDK sends both). Every key a call
 * names must be the same one. A call from a browser page (an Origin header) is accepted only from an origin the
 * key allows, and only then gets a CORS grant (ADR 0042). The browser SDK's settings are fetched with the key in the
 * path only ({@code GET /v1/projects/<key>/settings}).
 */
class WriteKeyAuthenticationFilter extends OncePerRequestFilter {

	private final WriteKeyOrigins keys;

	WriteKeyAuthenticationFilter(WriteKeyOrigins keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader("Origin");
		Set<String> named = new LinkedHashSet<>();
		writeKey(request.getHeader("Authorization")).ifPresent(named::add);
		settingsKey(request).ifPresent(named::add);
		HttpServletRequest forwarded = request;
		if ("POST".equals(request.getMethod())) {
			byte[] body;
			try {
				body = IngestionBody.read(request);
			}
			catch (IllegalArgumentException ex) {
				grantIfAnyKeyAllows(origin, response);
				ProblemResponses.write(response, 400, "Bad Request", ex.getMessage());
				return;
			}
			named.addAll(IngestionBody.writeKeys(body));
			forwarded = IngestionBody.replaying(request, body);
		}
		if (named.size() > 1) {
			grantIfAnyKeyAllows(origin, response);
			ProblemResponses.write(response, 401, "Unauthorized",
					"The call names more than one write key (the HTTP Basic user and the body's writeKey differ).");
			return;
		}
		Optional<IngestionKey> key = named.isEmpty() ? Optional.empty() : keys.authenticate(named.iterator().next());
		if (key.isPresent()) {
			if (origin != null && !key.get().allows(origin)) {
				// No CORS grant: the browser keeps the answer from the page, and nothing is stored.
				ProblemResponses.write(response, 403, "Forbidden",
						"This write key may not be used from a page of this origin; add it to the key's allowed origins.");
				return;
			}
			if (origin != null) {
				IngestionCorsFilter.grant(origin, response);
			}
			UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
					key.get().workspace(), credentialId(named.iterator().next()),
					List.of(new SimpleGrantedAuthority("SCOPE_ingest")));
			// The key's id, so that events record which key sent them (the live events page filters by it).
			authentication.setDetails(key.get().keyId());
			SecurityContextHolder.getContext().setAuthentication(authentication);
		}
		else {
			// So that a browser SDK can read its 401 when its page's origin is one some key allows.
			grantIfAnyKeyAllows(origin, response);
		}
		chain.doFilter(forwarded, response);
	}

	private void grantIfAnyKeyAllows(String origin, HttpServletResponse response) {
		if (origin != null && keys.anyKeyAllows(origin)) {
			IngestionCorsFilter.grant(origin, response);
		}
	}

	/** What the rate limiter keys on: a digest, so the secret itself is not kept in memory maps. */
	static String credentialId(String secret) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key of {@code GET /v1/projects/<key>/settings}: analytics.js names it only in the path (ADR 0046). */
	static Optional<String> settingsKey(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return Optional.empty();
		}
		java.util.regex.Matcher path = SETTINGS.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		return path.matches() ? Optional.of(path.group(1)) : Optional.empty();
	}

	private static final java.util.regex.Pattern SETTINGS = java.util.regex.Pattern.compile("/v1/projects/([^/]{1,200})/settings/?");

	static Optional<String> writeKey(String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 1000) {
			return Optional.empty();
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			String key = colon < 0 ? decoded : decoded.substring(0, colon);
			return key.isBlank() ? Optional.empty() : Optional.of(key);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
