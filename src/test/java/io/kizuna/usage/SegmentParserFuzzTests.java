package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import io.kizuna.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the Segment parser: whatever the bytes, it either returns valid messages or refuses
 * with an InvalidInputException (a 400); never another exception (a 500), never a hang.
 */
class SegmentParserFuzzTests {

	static final List<String> SEEDS = List.of("""
			{"batch":[{"type":"track","userId":"u1","event":"E","properties":{"a":[1,2,{"b":"c"}]},
			 "timestamp":"2026-11-20T01:00:00Z","messageId":"m1","context":{"groupId":"g"}},
			 {"type":"identify","anonymousId":"a1","traits":{"email":"x@y.z","n":1.5e3}}],"sentAt":"2026-11-20T01:00:01Z"}""",
			"""
			{"userId":"u","groupId":"g","traits":{"name":"株式会社テスト","nested":{"deep":[[[]]]}}}""",
			"""
			{"previousId":"p","userId":"u","messageId":"\\u00e9\\ud83d\\ude00"}""");

	static final String[] INTERESTING = { "{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0",
			"\"\\u0000\"", "\"\\ud800\"", "{\"batch\":", "\"type\":\"track\"", "\"timestamp\":\"9999-99-99\"",
			"[".repeat(40), "\"" + "x".repeat(40_000) + "\"", "\u00ff", "\\", "0x10" };

	@Test
	void anyInputIsEitherAcceptedOrRefusedAsBadInput() {
		SplittableRandom random = new SplittableRandom(20261124);
		Instant now = Instant.parse("2026-11-24T00:00:00Z");
		int accepted = 0;
		int refused = 0;
		for (int i = 0; i < 20_000; i++) {
			String endpoint = random.nextBoolean() ? "batch" : List.of("track", "identify", "group", "alias", "page").get(random.nextInt(5));
			byte[] input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
			try {
				List<TrackedMessage> messages = SegmentParser.parse(endpoint, input, now);
				assertThat(messages).allSatisfy(m -> {
					assertThat(m.messageId()).isNotBlank();
					assertThat(m.userId() != null || m.anonymousId() != null).isTrue();
					assertThat(m.occurredAt()).isAfter(Instant.parse("1999-12-31T23:59:59Z"));
				});
				accepted++;
			}
			catch (InvalidInputException expected) {
				assertThat(expected.getMessage()).isNotBlank();
				refused++;
			}
		}
		assertThat(accepted).as("some mutants stay valid").isPositive();
		assertThat(refused).as("most mutants are refused").isGreaterThan(accepted);
	}

	private static byte[] mutate(String seed, SplittableRandom random) {
		StringBuilder text = new StringBuilder(seed);
		int edits = 1 + random.nextInt(4);
		for (int e = 0; e < edits && text.length() > 0; e++) {
			int at = random.nextInt(text.length());
			switch (random.nextInt(4)) {
				case 0 -> text.deleteCharAt(at);
				case 1 -> text.insert(at, INTERESTING[random.nextInt(INTERESTING.length)]);
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
