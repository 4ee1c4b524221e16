package io.kizuna.web;

import io.kizuna.workspace.SignedInUser;
import java.io.IOException;
import java.util.List;

import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WebPages;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WriteKeyOrigins;
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
	SecurityFilterChain ingestion(HttpSecurity http, WriteKeyOrigins keys, RateLimitSettings limits)
			throws Exception {
		return http.securityMatcher("/v1/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new WriteKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
			.addFilterBefore(new IngestionCorsFilter(keys), WriteKeyAuthenticationFilter.class)
			.addFilterAfter(new RateLimitFilter(limits.ingestOrDefault()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_ingest"))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> problem(response, 401,
						"Unauthorized", "A valid write key is required, as the HTTP Basic user name or the body's writeKey."))
				.accessDeniedHandler((request, response, ex) -> problem(response, 403, "Forbidden",
						"This key may not do that.")))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain api(HttpSecurity http, AccessKeys keys, RateLimitSettings limits)
			throws Exception {
		return http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new ApiTokenAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new RateLimitFilter(limits.apiOrDefault()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests
				// The audit log is admin-level data: only read_write tokens (issued by admins) read it.
				.requestMatchers("/api/v1/audit", "/api/v1/audit/**").hasAuthority("SCOPE_write")
				// Keys are administered by admins, who issue read_write tokens; dashboards get read tokens.
				.requestMatchers("/api/v1/write-keys", "/api/v1/write-keys/**").hasAuthority("SCOPE_write")
				.requestMatchers(HttpMethod.GET, "/api/**").hasAuthority("SCOPE_read")
				.requestMatchers(HttpMethod.HEAD, "/api/**").hasAuthority("SCOPE_read")
				.anyRequest().hasAuthority("SCOPE_write"))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", "Bearer");
					problem(response, 401, "Unauthorized", "A valid API token is required as a bearer token.");
				})
				.accessDeniedHandler((request, response, ex) -> problem(response, 403, "Forbidden",
						request.getRequestURI().startsWith("/api/v1/audit")
								? "The audit log needs a read_write API token."
								: request.getRequestURI().startsWith("/api/v1/write-keys")
										? "Write keys need a read_write API token." : "This API token is read-only.")))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain webApp(HttpSecurity http, UserManagement people, SignInUsers users,
			io.kizuna.workspace.WorkspaceManagement workspaces,
			org.springframework.security.crypto.password.PasswordEncoder encoder, SignInSettings limits,
			List<WebPages> pages,
			@org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
			org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings)
			throws Exception {
		return http
			.authenticationProvider(new ThrottledSignIn(people, users, encoder, limits))
			.addFilterAfter(new ActiveUserFilter(people), AnonymousAuthenticationFilter.class)
			// The role matrix of docs/security.md is what the modules declare (WebPages); RolePermissionsIT checks
			// every page and action against it. A page that no module placed in it is refused to everyone.
			.authorizeHttpRequests(requests -> {
				requests.requestMatchers("/login", "/logout", "/webjars/**", "/css/**", "/js/**", "/images/**",
						"/favicon.ico", "/error")
					.permitAll();
				for (PageAccess access : PermissionMatrix.of(pages)) {
					String[] roles = access.roles().stream().map(Role::name).sorted().toArray(String[]::new);
					String[] paths = access.paths().toArray(String[]::new);
					(access.method() == null ? requests.requestMatchers(paths)
							: requests.requestMatchers(access.method(), paths)).hasAnyRole(roles);
				}
				requests.anyRequest().access(new UndeclaredPages(mappings));
			})
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
						+ "form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			// Our page (SignInController) instead of the generated English one; the POST stays Spring Security's.
			.formLogin(form -> form.loginPage("/login").failureHandler(SignInController.failures()).permitAll())
			// A signed-out redirect to the sign-in page keeps the person's language (?lang).
			.exceptionHandling(errors -> errors.authenticationEntryPoint(SignInController.entryPoint()))
			.logout(logout -> logout.logoutSuccessHandler(SignInController.signedOut(workspaces))
				.addLogoutHandler((request, response, authentication) -> {
					if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
						people.signedOut(user.user());
					}
				}))
			.build();
	}

	private static void problem(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		ProblemResponses.write(response, status, title, detail);
	}
}
