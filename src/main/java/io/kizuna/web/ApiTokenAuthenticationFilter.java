package io.kizuna.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.workspace.AccessKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** REST calls carry an API token as a bearer token; its scope becomes the authorities read and write. */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private final AccessKeys accessKeys;

	ApiTokenAuthenticationFilter(AccessKeys accessKeys) {
		this.accessKeys = accessKeys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			accessKeys.authenticateApiToken(header.substring(7).trim()).ifPresent(client -> {
				List<GrantedAuthority> authorities = new ArrayList<>();
				authorities.add(new SimpleGrantedAuthority("SCOPE_read"));
				if (client.canWrite()) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_write"));
				}
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client,
							"token-" + client.tokenId(), authorities));
			});
		}
		chain.doFilter(request, response);
	}
}
