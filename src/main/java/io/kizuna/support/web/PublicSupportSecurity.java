package io.kizuna.support.web;

import java.io.IOException;
import java.util.List;

import io.kizuna.support.PublicChannels;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public support channels' own door (ADR 0120): the web form {@code /contact/**}, the chat widget's API
 * {@code /chat/**} and the CSAT pages {@code /csat/**} need no sign-in and keep no session; each visitor address has a
 * token bucket (429 with Retry-After beyond it). The chat answers cross-origin calls only from the origins its workspace
 * lists (no credentials: the visitor's token travels in a header); any other origin gets 403 and nothing is stored.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PublicSupportSecurity {

	static final String FORM_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

	@Bean
	@Order(0)
	SecurityFilterChain publicSupport(HttpSecurity http, PublicChannels channels, WorkspaceManagement workspaces,
			@Value("${kizuna.support.public-rate.per-second:10}") int perSecond,
			@Value("${kizuna.support.public-rate.burst:60}") int burst) throws Exception {
		return http.securityMatcher("/contact/**", "/chat/**", "/csat/**")
			.csrf(csrf -> csrf.disable())
			.cors(cors -> cors.configurationSource(chatOrigins(channels, workspaces)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new io.kizuna.shared.VisitorRateLimit(perSecond, burst), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new BodyLimit(), io.kizuna.shared.VisitorRateLimit.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(FORM_CSP)))
			.build();
	}

	/**
	 * CORS for {@code /chat/{workspace}/...}: the workspace's listed origins, exactly; the widget script itself is
	 * loaded by a script tag and needs no grant. Other public paths grant nothing.
	 */
	static CorsConfigurationSource chatOrigins(PublicChannels channels, WorkspaceManagement workspaces) {
		return request -> {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			String[] parts = path.split("/");
			if (parts.length < 4 || !"chat".equals(parts[1])) {
				return null;
			}
			String origin = request.getHeader("Origin");
			CorsConfiguration config = new CorsConfiguration();
			config.setAllowedMethods(List.of("GET", "POST"));
			config.setAllowedHeaders(List.of("content-type", "authorization", "last-event-id"));
			config.setAllowCredentials(false);
			config.setMaxAge(600L);
			workspaces.findBySlug(parts[2])
				.filter(ws -> channels.chatAllows(ws.id(), origin))
				.ifPresent(ws -> config.setAllowedOrigins(List.of(origin)));
			return config;
		};
	}

	/**
	 * A public request carries at most 64 KB (the form's 10,000 characters of UTF-8 with room to spare), with its
	 * length declared: 413 or 411 before anything reads it.
	 */
	static final class BodyLimit extends OncePerRequestFilter {

		static final long MAX = 64 * 1024;

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			boolean hasBody = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
			if (hasBody && request.getContentLengthLong() > MAX) {
				response.sendError(413);
				return;
			}
			if (hasBody && request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
				response.sendError(411);
				return;
			}
			chain.doFilter(request, response);
		}
	}
}
