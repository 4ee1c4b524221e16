package io.kizuna.usage;

import java.time.Instant;

/**
 * One Segment call after validation and clock-skew correction. JSON members are kept as JSON text.
 *
 * @param type identify, track, page, screen, group or alias
 * @param name the event name of a track call, the page or screen name otherwise
 * @param traits identify and group traits
 * @param previousId the old id of an alias call
 */
public record TrackedMessage(String type, String messageId, String userId, String anonymousId, String groupId,
		String name, Instant occurredAt, Instant receivedAt, String properties, String traits, String context,
		String previousId) {

	public String actor() {
		return userId != null ? userId : anonymousId;
	}

	boolean isActivity() {
		return "track".equals(type) || "page".equals(type) || "screen".equals(type);
	}
}
