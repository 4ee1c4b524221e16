package io.kizuna.messaging;

import java.util.Map;

/**
 * An event for subscribers: its type (from the catalogue), a key unique per event (a replayed event with the same
 * key is delivered once), the account it is about (its external id and name, for Slack's link; may be null) and the
 * data receivers get as JSON.
 */
public record WebhookEvent(String type, String key, String accountExternalId, String accountName,
		Map<String, Object> data) {

	public WebhookEvent {
		data = Map.copyOf(data);
	}
}
