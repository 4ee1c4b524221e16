package io.kizuna.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per second and burst capacity, per write key and per API token. Limits are kept per node: a cluster of n
 * nodes behind a balancer admits up to n times as much.
 */
@ConfigurationProperties("kizuna.rate-limit")
record RateLimitSettings(@DefaultValue Limit ingest, @DefaultValue Limit api) {

	record Limit(@DefaultValue("0") long perSecond, @DefaultValue("0") long burst) {
	}

	Limit ingestOrDefault() {
		return ingest.perSecond() > 0 ? ingest : new Limit(500, 1_000);
	}

	Limit apiOrDefault() {
		return api.perSecond() > 0 ? api : new Limit(50, 200);
	}
}
