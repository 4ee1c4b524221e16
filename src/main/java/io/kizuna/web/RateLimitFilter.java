package io.kizuna.web;

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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets per authenticated credential: over the limit a call gets 429 with Retry-After and does no work.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimitSettings.Limit limit;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimitFilter(RateLimitSettings.Limit limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String credential = authentication == null || !authentication.isAuthenticated() ? null
				: authentication.getCredentials() instanceof String key ? key : null;
		if (credential != null) {
			ConsumptionProbe probe = buckets.computeIfAbsent(credential, key -> newBucket()).tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
				response.setHeader("Retry-After", Long.toString(seconds));
				ProblemResponses.write(response, 429, "Too Many Requests",
						"Rate limit exceeded; retry after " + seconds + " s.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)))
			.build();
	}
}
