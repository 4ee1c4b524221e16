package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The Segment API's limits, each at its value and one past it: 32 KB an event, 500 KB a batch, 200-character ids. */
class SegmentParserLimitsTests {

	static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

	/** A track call of exactly {@code bytes} bytes, padded in its properties. */
	private static String track(int bytes) {
		String head = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":\"";
		String tail = "\"}}";
		return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
	}

	private static List<TrackedMessage> parse(String endpoint, String body) {
		return SegmentParser.parse(endpoint, body.getBytes(StandardCharsets.UTF_8), NOW);
	}

	@Test
	void aCallOfExactly32KbIsTakenOneByteMoreIsNot() {
		assertThat(parse("track", track(32 * 1024))).hasSize(1);
		assertThatThrownBy(() -> parse("track", track(32 * 1024 + 1))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("payload too large: 32769 bytes");
	}

	@Test
	void anEventOfExactly32KbInABatchIsTakenOneByteMoreIsNot() {
		assertThat(parse("batch", "{\"batch\":[" + track(32 * 1024) + "," + track(100) + "]}")).hasSize(2);
		assertThatThrownBy(() -> parse("batch", "{\"batch\":[" + track(100) + "," + track(32 * 1024 + 1) + "]}"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("batch[1]: event too large: 32769 bytes");
	}

	@Test
	void aBatchOfExactly500KbIsTakenOneByteMoreIsNot() {
		String head = "{\"batch\":[";
		StringBuilder events = new StringBuilder();
		for (int i = 0; i < 15; i++) {
			events.append(track(32 * 1024)).append(',');
		}
		int rest = 500 * 1024 - head.length() - events.length() - 2;
		String exact = head + events + track(rest) + "]}";
		assertThat(exact.length()).isEqualTo(500 * 1024);
		assertThat(parse("batch", exact)).hasSize(16);
		String over = head + events + track(rest + 1) + "]}";
		assertThatThrownBy(() -> parse("batch", over)).hasMessageContaining("payload too large: 512001 bytes");
	}

	@Test
	void idsAndEventNamesUpTo200Characters() {
		String id200 = "u".repeat(200);
		assertThat(parse("track", "{\"userId\":\"" + id200 + "\",\"event\":\"E\"}").get(0).userId()).isEqualTo(id200);
		assertThatThrownBy(() -> parse("track", "{\"userId\":\"" + id200 + "u\",\"event\":\"E\"}"))
			.hasMessageContaining("\"userId\" longer than 200 characters");
		String name200 = "E".repeat(200);
		assertThat(parse("track", "{\"userId\":\"u\",\"event\":\"" + name200 + "\"}").get(0).name()).isEqualTo(name200);
		assertThatThrownBy(() -> parse("track", "{\"userId\":\"u\",\"event\":\"" + name200 + "E\"}"))
			.hasMessageContaining("event name longer than 200 characters");
		assertThatThrownBy(() -> parse("page", "{\"userId\":\"u\",\"name\":\"" + name200 + "E\"}"))
			.hasMessageContaining("event name longer than 200 characters");
	}

	@Test
	void aNulAnywhereInAnIdIsRefused() {
		assertThatThrownBy(() -> parse("track", "{\"userId\":\"\\u0000u\",\"event\":\"E\"}"))
			.hasMessageContaining("\"userId\" contains a NUL character");
		assertThatThrownBy(() -> parse("track", "{\"userId\":\"u\\u0000\",\"event\":\"E\"}"))
			.hasMessageContaining("\"userId\" contains a NUL character");
	}

	@Test
	void badTimestampsAreQuotedUpTo40Characters() {
		String forty = "y".repeat(40);
		assertThatThrownBy(() -> parse("track", "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"" + forty + "\"}"))
			.hasMessageEndingWith("not an ISO-8601 date-time: " + forty);
		assertThatThrownBy(() -> parse("track", "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"" + forty + "z\"}"))
			.hasMessageEndingWith("not an ISO-8601 date-time: " + forty + "…");
	}

	@Test
	void pageNamesContextsAndSentAtAreRead() {
		TrackedMessage page = parse("page", """
				{"userId":"u","name":"Home","context":{"groupId":"acme","ip":"1.2.3.4"},
				 "timestamp":"2026-11-24T00:00:00Z","sentAt":"2026-11-24T00:00:10Z"}""").get(0);
		assertThat(page.type()).isEqualTo("page");
		assertThat(page.name()).isEqualTo("Home");
		assertThat(page.groupId()).isEqualTo("acme");
		assertThat(page.context()).contains("\"ip\":\"1.2.3.4\"");
		// receivedAt − (sentAt − timestamp): the client's clock is corrected
		assertThat(page.occurredAt()).isEqualTo(NOW.minusSeconds(10));
	}

	@Test
	void eventsOfABatchSharingATimestampAllKeepIt() {
		List<TrackedMessage> batch = parse("batch", """
				{"batch":[
				  {"type":"track","userId":"u","event":"A","timestamp":"2026-11-24T01:02:03Z"},
				  {"type":"track","userId":"u","event":"B","timestamp":"2026-11-24T01:02:03Z"},
				  {"type":"track","userId":"u","event":"C","originalTimestamp":"2026-11-23T00:00:00Z"}
				]}""");
		assertThat(batch).extracting(TrackedMessage::occurredAt)
			.containsExactly(Instant.parse("2026-11-24T01:02:03Z"), Instant.parse("2026-11-24T01:02:03Z"),
					Instant.parse("2026-11-23T00:00:00Z"));
	}

	@Test
	void aNulInsideNestedPropertiesIsRefusedAndErrorsNameTheirEvent() {
		assertThatThrownBy(() -> parse("track", "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"a\":{\"b\":[\"x\\u0000\"]}}}"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("NUL");
		// unknown members, however nested, are skipped
		assertThat(parse("track", "{\"userId\":\"u\",\"event\":\"E\",\"extra\":{\"a\":[1,{\"b\":2}]},\"last\":\"x\"}"))
			.singleElement()
			.satisfies(m -> assertThat(m.name()).isEqualTo("E"));
		assertThatThrownBy(() -> parse("batch", "{\"batch\":[{\"type\":\"teleport\",\"userId\":\"u\"}]}"))
			.hasMessageStartingWith("batch[0]: ");
		assertThatThrownBy(() -> parse("track", "{\"event\":\"E\"}")).message().doesNotStartWith("batch");
	}
}
