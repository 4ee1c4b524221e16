package io.kizuna.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.kizuna.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tree-based parser that the streaming {@link SegmentParser} replaced, kept in the tests only as the reference
 * for {@code SegmentParserDifferentialTests}.
 *
 * Reads Segment HTTP Tracking API bodies (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/).
 * A batch is read element by element so that each event's size is known from the parser's byte offsets. Any invalid
 * event rejects the whole call: nothing of it is stored.
 */
final class LegacySegmentParser {

	static final int MAX_EVENT_BYTES = 32 * 1024;

	static final int MAX_BATCH_BYTES = 500 * 1024;

	static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Duration MAX_FUTURE = Duration.ofDays(1);

	private static final int MAX_ID_CHARS = 200;

	private static final JsonMapper json = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(32)
			.maxStringLength(MAX_EVENT_BYTES)
			.maxNameLength(1024)
			.maxNumberLength(100)
			.maxDocumentLength(MAX_BATCH_BYTES)
			.build())
		.build())
		// Events are read one by one from the batch array; trailing content is checked by hand.
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private LegacySegmentParser() {
	}

	/** @param endpoint the call type of a single-event endpoint, or "batch" */
	static List<TrackedMessage> parse(String endpoint, byte[] body, Instant receivedAt) {
		int limit = "batch".equals(endpoint) ? MAX_BATCH_BYTES : MAX_EVENT_BYTES;
		if (body.length > limit) {
			throw new InvalidInputException("payload too large: " + body.length + " bytes, the limit for /v1/" + endpoint
					+ " is " + limit);
		}
		if (body.length == 0) {
			throw new InvalidInputException("empty body: expected a JSON object");
		}
		try {
			return "batch".equals(endpoint) ? parseBatch(body, receivedAt)
					: List.of(message(endpoint, single(body), null, null, receivedAt, ""));
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("malformed JSON: " + ex.getOriginalMessage());
		}
	}

	private static JsonNode single(byte[] body) {
		try (JsonParser parser = json.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new InvalidInputException("expected a JSON object");
			}
			JsonNode node = json.readTree(parser);
			if (parser.nextToken() != null) {
				throw new InvalidInputException("unexpected content after the JSON object");
			}
			return node;
		}
	}

	private static List<TrackedMessage> parseBatch(byte[] body, Instant receivedAt) {
		List<JsonNode> events = new ArrayList<>();
		JsonNode sentAt = null;
		JsonNode context = null;
		try (JsonParser parser = json.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new InvalidInputException("expected a JSON object with a \"batch\" array");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (field) {
					case "batch" -> readEvents(parser, value, events);
					case "sentAt" -> sentAt = json.readTree(parser);
					case "context" -> context = json.readTree(parser);
					default -> parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				throw new InvalidInputException("unexpected content after the JSON object");
			}
		}
		if (events.isEmpty()) {
			throw new InvalidInputException("\"batch\" must be a non-empty array of events");
		}
		List<TrackedMessage> messages = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			JsonNode event = events.get(i);
			String type = text(event, "type");
			if (type == null) {
				throw new InvalidInputException("batch[" + i + "]: missing \"type\"");
			}
			messages.add(message(type, event, sentAt, context, receivedAt, "batch[" + i + "]: "));
		}
		return messages;
	}

	private static void readEvents(JsonParser parser, JsonToken value, List<JsonNode> events) {
		if (value != JsonToken.START_ARRAY) {
			throw new InvalidInputException("\"batch\" must be an array");
		}
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.START_OBJECT) {
				throw new InvalidInputException("batch[" + events.size() + "]: expected an object");
			}
			long start = parser.currentTokenLocation().getByteOffset();
			JsonNode event = json.readTree(parser);
			long size = parser.currentLocation().getByteOffset() - start;
			if (size > MAX_EVENT_BYTES) {
				throw new InvalidInputException("batch[" + events.size() + "]: event too large: " + size
						+ " bytes, the limit is " + MAX_EVENT_BYTES);
			}
			events.add(event);
		}
	}

	private static TrackedMessage message(String type, JsonNode e, JsonNode batchSentAt, JsonNode batchContext,
			Instant receivedAt, String where) {
		if (!TYPES.contains(type)) {
			throw new InvalidInputException(where + "unknown type \"" + type + "\"; expected one of " + TYPES);
		}
		String userId = id(e, "userId", where);
		String anonymousId = id(e, "anonymousId", where);
		if (userId == null && anonymousId == null) {
			throw new InvalidInputException(where + "either userId or anonymousId is required");
		}
		String messageId = id(e, "messageId", where);
		if (messageId == null) {
			// Without a messageId a replay cannot be recognised; the SDKs always send one.
			messageId = "kizuna-" + UUID.randomUUID();
		}
		JsonNode contextNode = e.get("context") != null ? e.get("context") : batchContext;
		if (contextNode != null && !contextNode.isObject() && !contextNode.isNull()) {
			throw new InvalidInputException(where + "\"context\" must be an object");
		}
		String groupId = id(e, "groupId", where);
		if (groupId == null && contextNode != null && contextNode.isObject()) {
			groupId = id(contextNode, "groupId", where + "context.");
		}
		String name = switch (type) {
			case "track" -> required(text(e, "event"), where + "a track call needs \"event\"");
			case "page", "screen" -> text(e, "name");
			default -> null;
		};
		if (name != null && name.length() > MAX_ID_CHARS) {
			throw new InvalidInputException(where + "event name longer than " + MAX_ID_CHARS + " characters");
		}
		String previousId = null;
		if ("group".equals(type)) {
			required(groupId, where + "a group call needs \"groupId\"");
		}
		if ("alias".equals(type)) {
			previousId = required(id(e, "previousId", where), where + "an alias call needs \"previousId\"");
			required(userId, where + "an alias call needs \"userId\"");
		}
		Instant occurredAt = occurredAt(e, batchSentAt, receivedAt, where);
		return new TrackedMessage(type, messageId, userId, anonymousId, groupId, name, occurredAt, receivedAt,
				object(e, "properties", where), object(e, "traits", where),
				contextNode == null || contextNode.isNull() ? null : contextNode.toString(), previousId);
	}

	/**
	 * Segment's clock-skew correction: when the client says when it sent the call, the event's own timestamp is
	 * moved by the difference between the client's and the server's clocks.
	 */
	private static Instant occurredAt(JsonNode e, JsonNode batchSentAt, Instant receivedAt, String where) {
		Instant timestamp = instant(e.get("timestamp") != null ? e.get("timestamp") : e.get("originalTimestamp"),
				where + "timestamp");
		JsonNode sentAtNode = e.get("sentAt") != null ? e.get("sentAt") : batchSentAt;
		Instant sentAt = instant(sentAtNode, where + "sentAt");
		Instant occurredAt;
		if (timestamp == null) {
			occurredAt = receivedAt;
		}
		else if (sentAt != null) {
			occurredAt = receivedAt.minus(Duration.between(timestamp, sentAt));
		}
		else {
			occurredAt = timestamp;
		}
		if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(receivedAt.plus(MAX_FUTURE))) {
			throw new InvalidInputException(where + "timestamp out of range: " + occurredAt
					+ " (accepted: 2000-01-01 to one day ahead of the server clock)");
		}
		return occurredAt;
	}

	private static Instant instant(JsonNode node, String field) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new InvalidInputException(field + ": expected an ISO-8601 date-time string");
		}
		String text = node.stringValue();
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				throw new InvalidInputException(field + ": not an ISO-8601 date-time: " + abbreviate(text));
			}
		}
	}

	/** Ids may be strings or numbers (Segment accepts both); anything else is an error. */
	private static String id(JsonNode e, String field, String where) {
		JsonNode node = e.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString() && !node.isIntegralNumber()) {
			throw new InvalidInputException(where + "\"" + field + "\" must be a string");
		}
		String value = node.asString();
		if (value.isEmpty()) {
			return null;
		}
		if (value.length() > MAX_ID_CHARS) {
			throw new InvalidInputException(where + "\"" + field + "\" longer than " + MAX_ID_CHARS + " characters");
		}
		if (value.indexOf('\0') >= 0) {
			throw new InvalidInputException(where + "\"" + field + "\" contains a NUL character");
		}
		return value;
	}

	private static String text(JsonNode e, String field) {
		JsonNode node = e.get(field);
		return node == null || !node.isString() || node.stringValue().isEmpty() ? null : node.stringValue();
	}

	private static String object(JsonNode e, String field, String where) {
		JsonNode node = e.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw new InvalidInputException(where + "\"" + field + "\" must be an object");
		}
		String text = node.toString();
		// PostgreSQL's jsonb cannot hold \u0000.
		if (text.contains("\\u0000")) {
			throw new InvalidInputException(where + "\"" + field + "\" contains a NUL character");
		}
		return text;
	}

	private static String required(String value, String error) {
		if (value == null) {
			throw new InvalidInputException(error);
		}
		return value;
	}

	private static String abbreviate(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}
}
