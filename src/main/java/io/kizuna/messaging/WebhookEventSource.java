package io.kizuna.messaging;

import java.util.List;

/**
 * The event catalogue's extension point: a module whose events subscribers may receive declares them in a bean of
 * this type (messaging's TaskWebhookEvents lists playbooks' {@code task.*} events) and publishes them through
 * {@link Webhooks#publish}. Each type's label is the message {@code webhook.event.<type>} in the module's bundle.
 */
public interface WebhookEventSource {

	/** Event type codes, lower case with dots and underscores, e.g. {@code signal.raised}. */
	List<String> eventTypes();
}
