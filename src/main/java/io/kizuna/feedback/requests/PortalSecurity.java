package io.kizuna.feedback.requests;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The feature-request portal's own door (ARCHITECTURE §4), as the help center's: {@code /ideas/**} needs no sign-in
 * and keeps no session; each visitor address has a token bucket, and over it a page answers 429 with Retry-After.
 * Forms carry no CSRF token: what a visitor can do is bound to the signed link in the form, which a third-party
 * page does not have.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PortalSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain ideasPortal(HttpSecurity http,
			@Value("${kizuna.feedback.portal-rate.per-second:10}") int perSecond,
			@Value("${kizuna.feedback.portal-rate.burst:60}") int burst) throws Exception {
		return http.securityMatcher("/ideas/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new io.kizuna.shared.VisitorRateLimit(perSecond, burst), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
					+ "img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
					+ "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.build();
	}
}
