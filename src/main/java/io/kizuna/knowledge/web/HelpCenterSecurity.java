package io.kizuna.knowledge.web;

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
 * The public help center's own door (ARCHITECTURE §4): {@code /help/**} needs no sign-in and keeps no session; every
 * visitor address has a token bucket (bucket4j), over it a page answers 429 with Retry-After and does no work. What
 * the pages show is limited by the controller: published public articles of the workspace named in the path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class HelpCenterSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain helpCenter(HttpSecurity http,
			@Value("${kizuna.knowledge.portal-rate.per-second:20}") int perSecond,
			@Value("${kizuna.knowledge.portal-rate.burst:100}") int burst) throws Exception {
		return http.securityMatcher("/help/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new io.kizuna.shared.VisitorRateLimit(perSecond, burst), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
					+ "img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
					+ "base-uri 'self'; frame-ancestors 'none'; form-action 'self'")))
			.build();
	}
}
