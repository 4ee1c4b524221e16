package io.kizuna.shared;

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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per visitor address for the public pages (help center, feature-request portal, surveys, the web
 * form and chat): over it a request answers 429 with Retry-After and a line in English and Japanese. The map is
 * bounded: past 100,000 addresses it starts again, so a flood of addresses cannot exhaust the heap.
 */
public final class VisitorRateLimit extends OncePerRequestFilter {

	private static final int MAX_VISITORS = 100_000;

	private final int perSecond;

	private final int burst;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	public VisitorRateLimit(int perSecond, int burst) {
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
