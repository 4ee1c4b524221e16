package io.kizuna.usage;

import java.time.Instant;

/**
 * A validated call on its way to the event store: {@link TrackedMessage} with its JSON members kept as UTF-8 text,
 * usually slices of the request body.
 */
record Message(String type, String messageId, String userId, String anonymousId, String groupId, String name,
		Instant occurredAt, Instant receivedAt, JsonText properties, JsonText traits, JsonText context,
		String previousId) {

	static Message of(TrackedMessage m) {
		return new Message(m.type(), m.messageId(), m.userId(), m.anonymousId(), m.groupId(), m.name(), m.occurredAt(),
				m.receivedAt(), JsonText.of(m.properties()), JsonText.of(m.traits()), JsonText.of(m.context()),
				m.previousId());
	}

	TrackedMessage tracked() {
		return new TrackedMessage(type, messageId, userId, anonymousId, groupId, name, occurredAt, receivedAt,
				text(properties), text(traits), text(context), previousId);
	}

	boolean isActivity() {
		return "track".equals(type) || "page".equals(type) || "screen".equals(type);
	}

	private static String text(JsonText json) {
		return json == null ? null : json.toString();
	}
}
