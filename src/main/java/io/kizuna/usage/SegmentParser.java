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
import tools.jackson.core.json.UTF8StreamJsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Segment HTTP Tracking API bodies (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/)
 * with Jackson's streaming parser, without building a tree: the members stored as JSON ({@code properties},
 * {@code traits}, {@code context}) are validated token by token and kept as slices of the body, to be copied to the
 * database as they came. Each event's size is known from the parser's byte offsets. Any invalid event rejects the
 * whole call: nothing of it is stored. The checks and their order are those of the tree-based parser this one
 * replaced (kept in the tests as the reference of a differential test).
 */
final class SegmentParser {

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
		.build();

	// What a member's value was, before it is validated.
	private static final byte ABSENT = 0;

	private static final byte NULL = 1;

	private static final byte STRING = 2;

	private static final byte INTEGRAL = 3;

	private static final byte OBJECT = 4;

	private static final byte OTHER = 5;

	// The scalar members of an event, by index.
	private static final int TYPE = 0;

	private static final int USER_ID = 1;

	private static final int ANONYMOUS_ID = 2;

	private static final int MESSAGE_ID = 3;

	private static final int GROUP_ID = 4;

	private static final int PREVIOUS_ID = 5;

	private static final int EVENT = 6;

	private static final int NAME = 7;

	private static final int TIMESTAMP = 8;

	private static final int ORIGINAL_TIMESTAMP = 9;

	private static final int SENT_AT = 10;

	private SegmentParser() {
	}

	/** @param endpoint the call type of a single-event endpoint, or "batch" */
	static List<TrackedMessage> parse(String endpoint, byte[] body, Instant receivedAt) {
		List<Message> messages = read(endpoint, body, receivedAt);
		List<TrackedMessage> tracked = new ArrayList<>(messages.size());
		for (Message message : messages) {
			tracked.add(message.tracked());
		}
		return tracked;
	}

	/** As {@link #parse}, with the JSON members left as slices of {@code body}. */
	static List<Message> read(String endpoint, byte[] body, Instant receivedAt) {
		int limit = "batch".equals(endpoint) ? MAX_BATCH_BYTES : MAX_EVENT_BYTES;
		if (body.length > limit) {
			throw new InvalidInputException("payload too large: " + body.length + " bytes, the limit for /v1/" + endpoint
					+ " is " + limit);
		}
		if (body.length == 0) {
			throw new InvalidInputException("empty body: expected a JSON object");
		}
		try (JsonParser parser = json.createParser(body)) {
			if (!(parser instanceof UTF8StreamJsonParser)) {
				// Jackson saw UTF-16 or UTF-32; slices of the body could not be stored as they are (RFC 8259: UTF-8).
				throw new InvalidInputException("JSON must be encoded in UTF-8");
			}
			Reader reader = new Reader(parser, body, receivedAt);
			return "batch".equals(endpoint) ? reader.batch() : reader.single(endpoint);
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("malformed JSON: " + ex.getOriginalMessage());
		}
	}

	/** The members of one event (or of the batch envelope) as read, not yet validated. */
	private static final class Fields {

		final byte[] kind = new byte[11];

		final String[] text = new String[11];

		final Member properties = new Member();

		final Member traits = new Member();

		final Member context = new Member();
	}

	/** A member stored as JSON: where it is in the body and what its strings hold. */
	private static final class Member {

		static final Member NONE = new Member();

		byte kind;

		JsonText json;

		/** A NUL character in a name or string: jsonb cannot hold it. */
		boolean nul;

		/**
		 * The six characters {@code \u0000} in a string. The old parser looked for them in the re-serialised text, so
		 * it refused them too; they are refused still, so that both refuse exactly the same bodies.
		 */
		boolean escapedNul;

		/** A lone surrogate or bytes that are not well-formed UTF-8: re-encoded, as they always were. */
		boolean reencode;

		byte groupIdKind;

		String groupId;
	}

	private static final class Reader {

		private final JsonParser parser;

		private final byte[] body;

		private final Instant receivedAt;

		// Most batches repeat one timestamp text (sentAt, often timestamp too): parse it once.
		private String lastInstantText;

		private Instant lastInstant;

		Reader(JsonParser parser, byte[] body, Instant receivedAt) {
			this.parser = parser;
			this.body = body;
			this.receivedAt = receivedAt;
		}

		List<Message> single(String endpoint) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new InvalidInputException("expected a JSON object");
			}
			Fields event = event();
			if (parser.nextToken() != null) {
				throw new InvalidInputException("unexpected content after the JSON object");
			}
			return List.of(message(endpoint, event, null, -1));
		}

		List<Message> batch() {
			List<Fields> events = new ArrayList<>();
			Fields envelope = new Fields();
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new InvalidInputException("expected a JSON object with a \"batch\" array");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (field) {
					case "batch" -> events(value, events);
					case "sentAt" -> scalar(envelope, SENT_AT, value);
					case "context" -> member(envelope.context, value, true);
					default -> parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				throw new InvalidInputException("unexpected content after the JSON object");
			}
			if (events.isEmpty()) {
				throw new InvalidInputException("\"batch\" must be a non-empty array of events");
			}
			// Every event is read before any is validated, so syntax and size errors come first, as they always did.
			List<Message> messages = new ArrayList<>(events.size());
			for (int i = 0; i < events.size(); i++) {
				Fields event = events.get(i);
				String type = text(event, TYPE);
				if (type == null) {
					throw new InvalidInputException(where(i) + "missing \"type\"");
				}
				messages.add(message(type, event, envelope, i));
			}
			return messages;
		}

		private void events(JsonToken value, List<Fields> events) {
			if (value != JsonToken.START_ARRAY) {
				throw new InvalidInputException("\"batch\" must be an array");
			}
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token != JsonToken.START_OBJECT) {
					throw new InvalidInputException("batch[" + events.size() + "]: expected an object");
				}
				long start = parser.currentTokenLocation().getByteOffset();
				Fields event = event();
				long size = parser.currentLocation().getByteOffset() - start;
				if (size > MAX_EVENT_BYTES) {
					throw new InvalidInputException("batch[" + events.size() + "]: event too large: " + size
							+ " bytes, the limit is " + MAX_EVENT_BYTES);
				}
				events.add(event);
			}
		}

		/** Reads the members of the object whose START_OBJECT is the current token; later duplicates win. */
		private Fields event() {
			Fields fields = new Fields();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (field) {
					case "type" -> scalar(fields, TYPE, value);
					case "userId" -> scalar(fields, USER_ID, value);
					case "anonymousId" -> scalar(fields, ANONYMOUS_ID, value);
					case "messageId" -> scalar(fields, MESSAGE_ID, value);
					case "groupId" -> scalar(fields, GROUP_ID, value);
					case "previousId" -> scalar(fields, PREVIOUS_ID, value);
					case "event" -> scalar(fields, EVENT, value);
					case "name" -> scalar(fields, NAME, value);
					case "timestamp" -> scalar(fields, TIMESTAMP, value);
					case "originalTimestamp" -> scalar(fields, ORIGINAL_TIMESTAMP, value);
					case "sentAt" -> scalar(fields, SENT_AT, value);
					case "properties" -> member(fields.properties, value, false);
					case "traits" -> member(fields.traits, value, false);
					case "context" -> member(fields.context, value, true);
					default -> walk(null, false);
				}
			}
			return fields;
		}

		private void scalar(Fields fields, int index, JsonToken value) {
			fields.text[index] = null;
			switch (value) {
				case VALUE_NULL -> fields.kind[index] = NULL;
				case VALUE_STRING -> {
					fields.kind[index] = STRING;
					fields.text[index] = parser.getString();
				}
				case VALUE_NUMBER_INT -> {
					// As the tree did: an integral id is its canonical decimal text.
					fields.kind[index] = INTEGRAL;
					fields.text[index] = parser.getNumberValue().toString();
				}
				default -> {
					fields.kind[index] = OTHER;
					walk(null, false);
				}
			}
		}

		/** Reads a member kept as JSON text: the value's bytes in the body, checked for what jsonb refuses. */
		private void member(Member member, JsonToken value, boolean groupId) {
			member.json = null;
			member.nul = member.escapedNul = member.reencode = false;
			member.groupIdKind = ABSENT;
			member.groupId = null;
			if (value == JsonToken.VALUE_NULL) {
				member.kind = NULL;
				return;
			}
			if (value != JsonToken.START_OBJECT) {
				member.kind = OTHER;
				walk(null, false);
				return;
			}
			member.kind = OBJECT;
			int start = (int) parser.currentTokenLocation().getByteOffset();
			walk(member, groupId);
			int end = (int) parser.currentLocation().getByteOffset();
			if (start < 0 || end > body.length || end <= start || body[start] != '{' || body[end - 1] != '}') {
				throw new IllegalStateException("the parser's offsets do not frame the object: " + start + ".." + end);
			}
			if (member.reencode || !wellFormedUtf8(body, start, end)) {
				// What the old parser stored: the object decoded and written back, lone surrogates as '?'.
				member.json = JsonText.of(json.readTree(body, start, end - start).toString());
			}
			else {
				member.json = new JsonText(body, start, end - start);
			}
		}

		/**
		 * Reads through the value whose first token is current, decoding every name and string (so the stream limits
		 * apply to them as they did to the tree) and noting in {@code member} what the database would refuse.
		 */
		private void walk(Member member, boolean groupId) {
			JsonToken token = parser.currentToken();
			if (!token.isStructStart()) {
				if (token == JsonToken.VALUE_STRING) {
					check(member);
				}
				return;
			}
			int depth = 0;
			boolean groupIdNext = false;
			do {
				switch (token) {
					case START_OBJECT, START_ARRAY -> {
						if (groupIdNext) {
							member.groupIdKind = OTHER;
							member.groupId = null;
							groupIdNext = false;
						}
						depth++;
					}
					case END_OBJECT, END_ARRAY -> depth--;
					case PROPERTY_NAME -> {
						check(member);
						groupIdNext = groupId && depth == 1 && "groupId".equals(parser.currentName());
					}
					default -> {
						if (token == JsonToken.VALUE_STRING) {
							check(member);
						}
						if (groupIdNext) {
							member.groupIdKind = switch (token) {
								case VALUE_NULL -> NULL;
								case VALUE_STRING -> STRING;
								case VALUE_NUMBER_INT -> INTEGRAL;
								default -> OTHER;
							};
							member.groupId = token == JsonToken.VALUE_STRING ? parser.getString()
									: token == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue().toString() : null;
							groupIdNext = false;
						}
					}
				}
				if (depth == 0) {
					return;
				}
				token = parser.nextToken();
			}
			while (true);
		}

		private void check(Member member) {
			char[] chars = parser.getStringCharacters();
			int from = parser.getStringOffset();
			int to = from + parser.getStringLength();
			if (member == null) {
				return;
			}
			for (int i = from; i < to; i++) {
				char c = chars[i];
				if (c == 0) {
					member.nul = true;
				}
				else if (c == '\\' && i + 5 < to && chars[i + 1] == 'u' && chars[i + 2] == '0' && chars[i + 3] == '0'
						&& chars[i + 4] == '0' && chars[i + 5] == '0') {
					member.escapedNul = true;
				}
				else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1])) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					member.reencode = true;
				}
			}
		}

		private Message message(String type, Fields e, Fields envelope, int index) {
			if (!TYPES.contains(type)) {
				throw new InvalidInputException(where(index) + "unknown type \"" + type + "\"; expected one of " + TYPES);
			}
			String userId = id(e, USER_ID, "userId", index, "");
			String anonymousId = id(e, ANONYMOUS_ID, "anonymousId", index, "");
			if (userId == null && anonymousId == null) {
				throw new InvalidInputException(where(index) + "either userId or anonymousId is required");
			}
			String messageId = id(e, MESSAGE_ID, "messageId", index, "");
			if (messageId == null) {
				// Without a messageId a replay cannot be recognised; the SDKs always send one.
				messageId = "kizuna-" + UUID.randomUUID();
			}
			Member context = e.context.kind != ABSENT ? e.context : envelope != null ? envelope.context : Member.NONE;
			if (context.kind == OTHER) {
				throw new InvalidInputException(where(index) + "\"context\" must be an object");
			}
			String groupId = id(e, GROUP_ID, "groupId", index, "");
			if (groupId == null && context.kind == OBJECT) {
				groupId = id(context.groupIdKind, context.groupId, "groupId", index, "context.");
			}
			String name = switch (type) {
				case "track" -> required(text(e, EVENT), index, "a track call needs \"event\"");
				case "page", "screen" -> text(e, NAME);
				default -> null;
			};
			if (name != null && name.length() > MAX_ID_CHARS) {
				throw new InvalidInputException(where(index) + "event name longer than " + MAX_ID_CHARS + " characters");
			}
			String previousId = null;
			if ("group".equals(type)) {
				required(groupId, index, "a group call needs \"groupId\"");
			}
			if ("alias".equals(type)) {
				previousId = required(id(e, PREVIOUS_ID, "previousId", index, ""), index,
						"an alias call needs \"previousId\"");
				required(userId, index, "an alias call needs \"userId\"");
			}
			Instant occurredAt = occurredAt(e, envelope, index);
			JsonText properties = object(e.properties, "properties", index);
			JsonText traits = object(e.traits, "traits", index);
			if (context.kind == OBJECT && context.nul) {
				throw new InvalidInputException(where(index) + "\"context\" contains a NUL character");
			}
			return new Message(type, messageId, userId, anonymousId, groupId, name, occurredAt, receivedAt, properties,
					traits, context.kind == OBJECT ? context.json : null, previousId);
		}

		/**
		 * Segment's clock-skew correction: when the client says when it sent the call, the event's own timestamp is
		 * moved by the difference between the client's and the server's clocks.
		 */
		private Instant occurredAt(Fields e, Fields envelope, int index) {
			int at = e.kind[TIMESTAMP] != ABSENT ? TIMESTAMP : ORIGINAL_TIMESTAMP;
			Instant timestamp = instant(e.kind[at], e.text[at], index, "timestamp");
			Fields sentAtFrom = e.kind[SENT_AT] != ABSENT || envelope == null ? e : envelope;
			Instant sentAt = instant(sentAtFrom.kind[SENT_AT], sentAtFrom.text[SENT_AT], index, "sentAt");
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
				throw new InvalidInputException(where(index) + "timestamp out of range: " + occurredAt
						+ " (accepted: 2000-01-01 to one day ahead of the server clock)");
			}
			return occurredAt;
		}

		private Instant instant(byte kind, String text, int index, String field) {
			if (kind == ABSENT || kind == NULL) {
				return null;
			}
			if (kind != STRING) {
				throw new InvalidInputException(where(index) + field + ": expected an ISO-8601 date-time string");
			}
			if (text.equals(lastInstantText)) {
				return lastInstant;
			}
			Instant instant;
			try {
				instant = OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				try {
					instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
				}
				catch (DateTimeParseException again) {
					throw new InvalidInputException(where(index) + field + ": not an ISO-8601 date-time: "
							+ abbreviate(text));
				}
			}
			lastInstantText = text;
			lastInstant = instant;
			return instant;
		}

		private JsonText object(Member member, String field, int index) {
			if (member.kind == ABSENT || member.kind == NULL) {
				return null;
			}
			if (member.kind != OBJECT) {
				throw new InvalidInputException(where(index) + "\"" + field + "\" must be an object");
			}
			// PostgreSQL's jsonb cannot hold \u0000.
			if (member.nul || member.escapedNul) {
				throw new InvalidInputException(where(index) + "\"" + field + "\" contains a NUL character");
			}
			return member.json;
		}

		private String required(String value, int index, String error) {
			if (value == null) {
				throw new InvalidInputException(where(index) + error);
			}
			return value;
		}
	}

	/** Ids may be strings or numbers (Segment accepts both); anything else is an error. */
	private static String id(Fields e, int at, String field, int index, String prefix) {
		return id(e.kind[at], e.text[at], field, index, prefix);
	}

	private static String id(byte kind, String value, String field, int index, String prefix) {
		if (kind == ABSENT || kind == NULL) {
			return null;
		}
		if (kind != STRING && kind != INTEGRAL) {
			throw new InvalidInputException(where(index) + prefix + "\"" + field + "\" must be a string");
		}
		if (value.isEmpty()) {
			return null;
		}
		if (value.length() > MAX_ID_CHARS) {
			throw new InvalidInputException(where(index) + prefix + "\"" + field + "\" longer than " + MAX_ID_CHARS
					+ " characters");
		}
		if (value.indexOf('\0') >= 0) {
			throw new InvalidInputException(where(index) + prefix + "\"" + field + "\" contains a NUL character");
		}
		return value;
	}

	private static String text(Fields e, int at) {
		return e.kind[at] == STRING && !e.text[at].isEmpty() ? e.text[at] : null;
	}

	private static String where(int index) {
		return index < 0 ? "" : "batch[" + index + "]: ";
	}

	/** RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF. */
	static boolean wellFormedUtf8(byte[] bytes, int from, int to) {
		int i = from;
		while (i < to) {
			int b = bytes[i];
			if (b >= 0) {
				i++;
				continue;
			}
			b &= 0xFF;
			int n;
			int min;
			int max = 0xBF;
			if (b >= 0xC2 && b <= 0xDF) {
				n = 1;
				min = 0x80;
			}
			else if (b >= 0xE0 && b <= 0xEF) {
				n = 2;
				min = b == 0xE0 ? 0xA0 : 0x80;
				max = b == 0xED ? 0x9F : 0xBF;
			}
			else if (b >= 0xF0 && b <= 0xF4) {
				n = 3;
				min = b == 0xF0 ? 0x90 : 0x80;
				max = b == 0xF4 ? 0x8F : 0xBF;
			}
			else {
				return false;
			}
			if (i + n >= to) {
				return false;
			}
			int second = bytes[i + 1] & 0xFF;
			if (second < min || second > max) {
				return false;
			}
			for (int k = 2; k <= n; k++) {
				int next = bytes[i + k] & 0xFF;
				if (next < 0x80 || next > 0xBF) {
					return false;
				}
			}
			i += n + 1;
		}
		return true;
	}

	private static String abbreviate(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}
}
