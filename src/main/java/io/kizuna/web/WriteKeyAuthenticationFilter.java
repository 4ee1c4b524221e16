package io.kizuna.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.kizuna.workspace.AccessKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Segment's scheme: the write key is the user name of HTTP Basic authentication, the password is empty. */
class WriteKeyAuthenticationFilter extends OncePerRequestFilter {

	private final AccessKeys accessKeys;

	WriteKeyAuthenticationFilter(AccessKeys accessKeys) {
		this.accessKeys = accessKeys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		writeKey(request.getHeader("Authorization")).ifPresent(key -> accessKeys.authenticateWriteKey(key)
			.ifPresent(workspace -> SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(workspace, credentialId(key),
						List.of(new SimpleGrantedAuthority("SCOPE_ingest"))))));
		chain.doFilter(request, response);
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
