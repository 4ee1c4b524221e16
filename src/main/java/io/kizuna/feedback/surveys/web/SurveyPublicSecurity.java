package io.kizuna.feedback.surveys.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
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
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

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
			.addFilterBefore(new VisitorRateLimit(perSecond, burst), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; style-src 'self' 'unsafe-inline'; "
						+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.build();
	}

	/** Token buckets per visitor address (bucket4j), as the help center keeps them. */
	static final class VisitorRateLimit extends OncePerRequestFilter {

		private static final int MAX_VISITORS = 100_000;

		private final int perSecond;

		private final int burst;

		private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

		VisitorRateLimit(int perSecond, int burst) {
			this.perSecond = perSecond;
			this.burst = burst;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (buckets.size() > MAX_VISITORS) {
				buckets.clear();
			}
			ConsumptionProbe probe = buckets.computeIfAbsent(request.getRemoteAddr(), address -> Bucket.builder()
				.addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
				.build()).tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
				response.setHeader("Retry-After", Long.toString(seconds));
				response.setStatus(429);
				response.setContentType("text/plain;charset=UTF-8");
				response.getWriter().write("Too many requests; retry after " + seconds + " s. / "
						+ "アクセスが集中しています。" + seconds + "秒後にもう一度お試しください。");
				return;
			}
			chain.doFilter(request, response);
		}
	}
}
