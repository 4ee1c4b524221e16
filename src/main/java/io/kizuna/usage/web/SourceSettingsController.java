package io.kizuna.usage.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The source settings the browser SDK (analytics.js / {@code @segment/analytics-next}) fetches from its CDN
 * ({@code <cdnURL>/v1/projects/<writeKey>/settings}) before it sends anything (ADR 0046). Kizuna answers the
 * minimal document the SDK needs, so a page can set {@code cdnURL} to Kizuna as well as {@code apiHost}: the
 * Segment.io destination pointed back at this server, no other destinations, no middleware or remote plugins (the
 * SDK loads no code from here), and the SDK's own telemetry to Segment switched off. The write key in the path
 * authenticates the call, and its allowed origins decide the CORS grant, as for every other {@code /v1} call.
 */
@RestController
@Tag(name = "Ingestion (Segment HTTP API)")
class SourceSettingsController {

	@Operation(summary = "The source settings analytics.js fetches from its CDN, pointing it at this server")
	@GetMapping(path = { "/v1/projects/{writeKey}/settings", "/v1/projects/{writeKey}/settings/" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> settings(@PathVariable String writeKey, HttpServletRequest request) {
		// The host the page reached Kizuna by is the one it should send to (the Host header, or what a proxy in
		// front forwards when server.forward-headers-strategy is set).
		String host = request.getServerName() + (defaultPort(request) ? "" : ":" + request.getServerPort());
		Map<String, Object> segmentIo = Map.of("apiKey", writeKey, "apiHost", host + "/v1", "protocol",
				request.isSecure() ? "https" : "http", "unbundledIntegrations", List.of(), "addBundledMetadata", false,
				"maybeBundledConfigIds", Map.of());
		Map<String, Object> settings = Map.of("integrations", Map.of("Segment.io", segmentIo), "plan",
				Map.of("track", Map.of("__default", Map.of("enabled", true, "integrations", Map.of())), "identify",
						Map.of("__default", Map.of("enabled", true)), "group", Map.of("__default", Map.of("enabled", true))),
				"edgeFunction", Map.of(), "analyticsNextEnabled", true, "middlewareSettings", Map.of(),
				"enabledMiddleware", Map.of(), "metrics", Map.of("sampleRate", 0), "legacyVideoPluginsEnabled", false,
				"remotePlugins", List.of());
		// Short, as Segment's CDN does: a changed key or origin list takes effect within the minute.
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(1))).body(settings);
	}

	private static boolean defaultPort(HttpServletRequest request) {
		int port = request.getServerPort();
		return port <= 0 || (request.isSecure() ? port == 443 : port == 80);
	}
}
