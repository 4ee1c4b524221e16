package io.kizuna.feedback.surveys.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The public survey pages' own door (ARCHITECTURE §4): {@code /s/**} needs no sign-in and keeps no session (the
 * personal token in the path is the credential, so no CSRF token is needed); a token bucket per visitor address
 * answers 429 with Retry-After over the limit; no referrer leaves the page, so the token does not leak.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SurveyPublicSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain surveyPublicChain(HttpSecurity http,
			@Value("${kizuna.feedback.survey-rate.per-second:10}") int perSecond,
			@Value("${kizuna.feedback.survey-rate.burst:60}") int burst) throws Exception {
		return http.securityMatcher("/s/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new io.kizuna.shared.VisitorRateLimit(perSecond, burst), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; style-src 'self' 'unsafe-inline'; "
						+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.build();
	}
}
