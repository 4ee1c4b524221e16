package io.kizuna.messaging;

import java.time.Instant;
import java.util.List;

/**
 * A subscription of a URL to events: {@code kind} {@code webhook} (signed JSON, docs/webhooks.md) or {@code slack} (an
 * incoming-webhook URL, sent Slack's message format). The signing secret is shown once, at creation.
 */
public record Webhook(long id, String name, String url, String kind, List<String> events, boolean active,
		Instant createdAt) {

	public Webhook {
		events = List.copyOf(events);
	}
}
