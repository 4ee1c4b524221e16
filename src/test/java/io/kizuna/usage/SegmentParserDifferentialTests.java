package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import io.kizuna.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming parser against the tree-based one it replaced, on the fuzz corpus and more: both refuse the same
 * inputs, and where both accept, they read the same messages (JSON members compared as JSON values, since the new
 * parser keeps them as they came instead of writing them back out).
 */
class SegmentParserDifferentialTests {

	private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

	private static final java.math.BigDecimal MAX_DOUBLE = new java.math.BigDecimal(Double.MAX_VALUE);

	private static final JsonMapper values = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	@Test
	void refusesExactlyWhatTheTreeParserRefusedAndReadsTheSameMessages() {
		int accepted = 0;
		for (long seed : new long[] { 20261124, 1, 2, 3 }) {
			SplittableRandom random = new SplittableRandom(seed);
			for (int i = 0; i < 20_000; i++) {
				String endpoint = random.nextBoolean() ? "batch"
						: List.of("track", "identify", "group", "alias", "page").get(random.nextInt(5));
				byte[] input = mutate(SegmentParserFuzzTests.SEEDS.get(random.nextInt(SegmentParserFuzzTests.SEEDS.size())),
						random);
				if (compare(endpoint, input)) {
					accepted++;
				}
			}
		}
		assertThat(accepted).as("the corpus has accepted inputs to compare").isGreaterThan(1000);
	}

	@Test
	void jsonMembersAreKeptAsTheyCameAndMeanTheSame() {
		String body = """
				{"batch":[{"type":"track","userId":"u","event":"E","messageId":"m",
				  "properties":{ "n" : 1.50, "big": 1e400, "s":"\\u00e9\\ud83d\\ude00 \\"q\\" \\\\", "a":[ ] },
				  "context":{"groupId":42,"x":{"groupId":"inner"}}}]}""";
		Message message = SegmentParser.read("batch", body.getBytes(StandardCharsets.UTF_8), NOW).get(0);
		assertThat(message.properties().toString())
			.isEqualTo("{ \"n\" : 1.50, \"big\": 1e400, \"s\":\"\\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\\", \"a\":[ ] }");
		assertThat(message.groupId()).as("an integral context.groupId, at the top of context only").isEqualTo("42");
		compare("batch", body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void whatJsonbCannotHoldIsRefusedOrReencodedAsBefore() {
		assertRefusedAlike("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"k\\u0000\":1}}",
				"\"properties\" contains a NUL character");
		assertRefusedAlike("{\"userId\":\"u\",\"event\":\"E\",\"traits\":{\"k\":\"a\\\\u0000\"}}",
				"\"traits\" contains a NUL character");
		// A lone surrogate and bytes that are not UTF-8 are decoded and written back, as '?', as they were.
		for (String input : List.of("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"k\":\"\\ud800x\"}}",
				"{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"k\":\"\u00ff\"}}")) {
			byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
			compare("track", bytes);
		}
		byte[] encodedSurrogate = "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"k\":\"..\"}}"
			.getBytes(StandardCharsets.UTF_8);
		int at = new String(encodedSurrogate, StandardCharsets.ISO_8859_1).indexOf("..");
		encodedSurrogate[at] = (byte) 0xED;
		encodedSurrogate[at + 1] = (byte) 0xA0;
		byte[] withThird = new byte[encodedSurrogate.length + 1];
		System.arraycopy(encodedSurrogate, 0, withThird, 0, at + 2);
		withThird[at + 2] = (byte) 0x80;
		System.arraycopy(encodedSurrogate, at + 2, withThird, at + 3, encodedSurrogate.length - at - 2);
		try {
			Message m = SegmentParser.read("track", withThird, NOW).get(0);
			assertThat(SegmentParser.wellFormedUtf8(m.properties().bytes(), m.properties().offset(),
					m.properties().offset() + m.properties().length())).isTrue();
		}
		catch (InvalidInputException refused) {
			assertThatThrownBy(() -> LegacySegmentParser.parse("track", withThird, NOW))
				.isInstanceOf(InvalidInputException.class);
		}
	}

	@Test
	void aNulInContextIsNowRefusedWhereTheDatabaseUsedToFail() {
		byte[] input = "{\"userId\":\"u\",\"event\":\"E\",\"context\":{\"ip\":\"\\u0000\"}}".getBytes(StandardCharsets.UTF_8);
		assertThat(LegacySegmentParser.parse("track", input, NOW).get(0).context()).contains("\\u0000");
		assertThatThrownBy(() -> SegmentParser.read("track", input, NOW)).isInstanceOf(InvalidInputException.class)
			.hasMessage("\"context\" contains a NUL character");
	}

	@Test
	void bodiesThatAreNotUtf8AreRefused() {
		byte[] utf16 = "{\"userId\":\"u\",\"event\":\"E\"}".getBytes(StandardCharsets.UTF_16BE);
		assertThatThrownBy(() -> SegmentParser.read("track", utf16, NOW)).isInstanceOf(InvalidInputException.class)
			.hasMessage("JSON must be encoded in UTF-8");
		byte[] bom = ("\uFEFF{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"a\":1}}").getBytes(StandardCharsets.UTF_8);
		assertThat(SegmentParser.read("track", bom, NOW).get(0).properties().toString()).isEqualTo("{\"a\":1}");
	}

	private static void assertRefusedAlike(String input, String reason) {
		byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> LegacySegmentParser.parse("track", bytes, NOW)).hasMessageContaining(reason);
		assertThatThrownBy(() -> SegmentParser.read("track", bytes, NOW)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(reason);
	}

	/** @return whether both accepted the input */
	private static boolean compare(String endpoint, byte[] input) {
		List<TrackedMessage> old;
		try {
			old = LegacySegmentParser.parse(endpoint, input, NOW);
		}
		catch (InvalidInputException refused) {
			assertThatThrownBy(() -> SegmentParser.parse(endpoint, input, NOW))
				.as("refused by the tree parser (%s): %s", refused.getMessage(), new String(input, StandardCharsets.UTF_8))
				.isInstanceOf(InvalidInputException.class);
			return false;
		}
		List<TrackedMessage> now;
		try {
			now = SegmentParser.parse(endpoint, input, NOW);
		}
		catch (InvalidInputException refused) {
			// The one deliberate difference: jsonb refuses a NUL in context, which the tree parser let through.
			assertThat(refused.getMessage()).as("refused only by the new parser: %s", new String(input, StandardCharsets.UTF_8))
				.endsWith("\"context\" contains a NUL character");
			assertThat(old).anySatisfy(m -> assertThat(m.context()).contains("\\u0000"));
			return false;
		}
		assertThat(now).hasSameSizeAs(old);
		for (int i = 0; i < old.size(); i++) {
			TrackedMessage a = old.get(i);
			TrackedMessage b = now.get(i);
			assertThat(b.type()).isEqualTo(a.type());
			if (!a.messageId().startsWith("kizuna-")) {
				assertThat(b.messageId()).isEqualTo(a.messageId());
			}
			assertThat(b.userId()).isEqualTo(a.userId());
			assertThat(b.anonymousId()).isEqualTo(a.anonymousId());
			assertThat(b.groupId()).isEqualTo(a.groupId());
			assertThat(b.name()).isEqualTo(a.name());
			assertThat(b.occurredAt()).isEqualTo(a.occurredAt());
			assertThat(b.previousId()).isEqualTo(a.previousId());
			assertSameJson(a.properties(), b.properties());
			assertSameJson(a.traits(), b.traits());
			assertSameJson(a.context(), b.context());
		}
		return true;
	}

	private static void assertSameJson(String old, String now) {
		if (old == null || now == null) {
			assertThat(now).isEqualTo(old);
			return;
		}
		// What reached the database: the old text went through UTF-8 too, lone surrogates as '?'.
		JsonNode a = values.readTree(new String(old.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
		JsonNode b = values.readTree(now);
		assertThat(b.equals(SegmentParserDifferentialTests::sameValue, a)).as("%s vs %s", old, now).isTrue();
	}

	/**
	 * Numbers are equal by value (1.5e3 is 1500.0). The tree parser wrote a number beyond a double's range as the
	 * string "Infinity"; it is now stored as the number it is.
	 */
	private static int sameValue(JsonNode now, JsonNode old) {
		if (now.isNumber() && old.isNumber()) {
			return now.decimalValue().compareTo(old.decimalValue());
		}
		if (now.isNumber() && old.isString() && now.decimalValue().abs().compareTo(MAX_DOUBLE) > 0) {
			return old.stringValue().equals(now.decimalValue().signum() > 0 ? "Infinity" : "-Infinity") ? 0 : 1;
		}
		return now.equals(old) ? 0 : 1;
	}

	static byte[] mutate(String seed, SplittableRandom random) {
		StringBuilder text = new StringBuilder(seed);
		int edits = 1 + random.nextInt(4);
		for (int e = 0; e < edits && text.length() > 0; e++) {
			int at = random.nextInt(text.length());
			switch (random.nextInt(4)) {
				case 0 -> text.deleteCharAt(at);
				case 1 -> text.insert(at, SegmentParserFuzzTests.INTERESTING[random.nextInt(SegmentParserFuzzTests.INTERESTING.length)]);
				case 2 -> text.setCharAt(at, (char) random.nextInt(0x80));
				default -> text.setLength(at);
			}
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		if (random.nextInt(20) == 0 && bytes.length > 0) {
			bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
		}
		return bytes;
	}
}
