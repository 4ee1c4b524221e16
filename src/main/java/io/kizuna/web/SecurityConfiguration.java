package io.kizuna.web;

import java.io.IOException;

import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Three doors: Segment ingestion with write keys, the REST API with bearer API tokens, and the web app with a
 * signed-in session. Nothing is reachable without one of them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({ RateLimitSettings.class, SignInSettings.class })
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain ingestion(HttpSecurity http, WorkspaceManagement workspaces, RateLimitSettings limits)
			throws Exception {
		return http.securityMatcher("/v1/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new WriteKeyAuthenticationFilter(workspaces), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new RateLimitFilter(limits.ingestOrDefault()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_ingest"))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> problem(response, 401,
						"Unauthorized", "A valid write key is required as the HTTP Basic user name."))
				.accessDeniedHandler((request, response, ex) -> problem(response, 403, "Forbidden",
						"This key may not do that.")))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain api(HttpSecurity http, WorkspaceManagement workspaces, RateLimitSettings limits)
			throws Exception {
		return http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new ApiTokenAuthenticationFilter(workspaces), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new RateLimitFilter(limits.apiOrDefault()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(HttpMethod.GET, "/api/**").hasAuthority("SCOPE_read")
				.requestMatchers(HttpMethod.HEAD, "/api/**").hasAuthority("SCOPE_read")
				.anyRequest().hasAuthority("SCOPE_write"))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", "Bearer");
					problem(response, 401, "Unauthorized", "A valid API token is required as a bearer token.");
				})
				.accessDeniedHandler((request, response, ex) -> problem(response, 403, "Forbidden",
						"This API token is read-only.")))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain webApp(HttpSecurity http, WorkspaceManagement workspaces, SignInUsers users,
			org.springframework.security.crypto.password.PasswordEncoder encoder, SignInSettings limits) throws Exception {
		return http
			.authenticationProvider(new ThrottledSignIn(workspaces, users, encoder, limits))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/images/**", "/favicon.ico", "/error")
				.permitAll()
				// Viewers read; every change needs a working role; settings and imports are for admins and managers,
				// keys, tokens and users for admins.
				.requestMatchers(HttpMethod.POST, "/accounts/**").hasAnyRole("ADMIN", "MANAGER", "CSM", "SUPPORT")
				.requestMatchers(HttpMethod.POST, "/settings/write-keys/**", "/settings/api-tokens/**", "/settings/users/**",
						"/settings/workspace")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/settings/**", "/imports/**").hasAnyRole("ADMIN", "MANAGER")
				.requestMatchers("/settings", "/imports").hasAnyRole("ADMIN", "MANAGER")
				.anyRequest().authenticated())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
						+ "form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.formLogin(form -> form.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.build();
	}

	private static void problem(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		ProblemResponses.write(response, status, title, detail);
	}
}
