package io.kizuna.usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

import io.kizuna.imports.ImportRow;
import io.kizuna.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns rows of an events CSV into Segment messages, with the same rules the HTTP API applies. */
final class EventRows {

	private static final Set<String> TYPES = Set.of("track", "page", "screen", "identify", "group");

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final JsonMapper json = JsonMapper.builder().build();

	private EventRows() {
	}

	static TrackedMessage message(ImportRow row, Instant receivedAt) {
		String type = row.value("type") == null ? "track" : row.value("type");
		if (!TYPES.contains(type)) {
			throw new InvalidInputException("type: one of " + TYPES + ", not " + type);
		}
		String userId = bounded(row, "user_id");
		String anonymousId = bounded(row, "anonymous_id");
		if (userId == null && anonymousId == null) {
			throw new InvalidInputException("user_id or anonymous_id is required");
		}
		String event = bounded(row, "event");
		if ("track".equals(type) && event == null) {
			throw new InvalidInputException("event: required for a track row");
		}
		String groupId = bounded(row, "account_external_id");
		if ("group".equals(type) && groupId == null) {
			throw new InvalidInputException("account_external_id: required for a group row");
		}
		Instant at = row.instant("timestamp");
		if (at.isBefore(EARLIEST) || at.isAfter(receivedAt.plus(Duration.ofDays(1)))) {
			throw new InvalidInputException("timestamp: out of range (2000-01-01 to tomorrow): " + at);
		}
		String properties = properties(row.value("properties"));
		String messageId = bounded(row, "message_id");
		if (messageId == null) {
			messageId = "csv-" + digest(type, userId, anonymousId, groupId, event, at.toString(), properties);
		}
		boolean identity = "identify".equals(type) || "group".equals(type);
		return new TrackedMessage(type, messageId, userId, anonymousId, groupId, event, at, receivedAt,
				identity ? null : properties, identity ? properties : null, null, null);
	}

	private static String properties(String text) {
		if (text == null) {
			return null;
		}
		try {
			JsonNode node = json.readTree(text);
			if (!node.isObject()) {
				throw new InvalidInputException("properties: must be a JSON object");
			}
			if (node.toString().contains("\\u0000")) {
				throw new InvalidInputException("properties: contains a NUL character");
			}
			if (text.length() > 32 * 1024) {
				throw new InvalidInputException("properties: larger than 32 KB");
			}
			return node.toString();
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("properties: not valid JSON");
		}
	}

	private static String bounded(ImportRow row, String column) {
		String value = row.value(column);
		if (value != null && value.length() > 200) {
			throw new InvalidInputException(column + ": longer than 200 characters");
		}
		return value;
	}

	/** A stable id from the row's content, so importing the same file again stores nothing twice. */
	private static String digest(String... parts) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String part : parts) {
				sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
