package io.kizuna.messaging.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The unsubscribe link's own door (ARCHITECTURE §4, public pages): no session, no sign-in, no CSRF token (a mail
 * client's one-click POST carries none; the unguessable token in the path is the credential), nothing else reachable.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PublicUnsubscribeSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain unsubscribePages(HttpSecurity http) throws Exception {
		return http.securityMatcher("/unsubscribe/*")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; object-src 'none'; "
						+ "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.build();
	}
}
