package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The Segment parser's UTF-8 check (RFC 3629) at every edge of the encoding table, and against the JDK's strict
 * decoder on random byte strings.
 */
class Utf8ValidationTests {

	@Test
	void theEdgesOfEachSequenceLength() {
		for (String valid : new String[] { "00", "7f", "c280", "dfbf", "e0a080", "e0bfbf", "e18080", "ecbfbf", "ed8080",
				"ed9fbf", "ee8080", "efbfbf", "f0908080", "f0bfbfbf", "f1808080", "f3bfbfbf", "f4808080", "f48fbfbf",
				"41c280e18080f0908080" }) {
			assertThat(well(valid)).as(valid).isTrue();
		}
		for (String invalid : new String[] { "80", "bf", "c080", "c1bf", "c27f", "c2c0", "e09fbf", "e0c080", "eda080",
				"edbfbf", "e17f80", "e1c080", "e1807f", "e180c0", "f08fbfbf", "f0c08080", "f4908080", "f4bf8080", "f5808080",
				"f7bfbfbf", "f8", "ff", "f1807f80", "f180c080", "f180807f", "f18080c0", "c2", "e180", "f18080", "41c2" }) {
			assertThat(well(invalid)).as(invalid).isFalse();
		}
	}

	@Test
	void onlyTheGivenRangeIsChecked() {
		byte[] bytes = HexFormat.of().parseHex("ff41c280ff");
		assertThat(SegmentParser.wellFormedUtf8(bytes, 1, 4)).isTrue();
		assertThat(SegmentParser.wellFormedUtf8(bytes, 0, 4)).isFalse();
		assertThat(SegmentParser.wellFormedUtf8(bytes, 1, 5)).isFalse();
		// a sequence cut by the end of the range is not well formed, even if the bytes after it would complete it
		assertThat(SegmentParser.wellFormedUtf8(bytes, 1, 3)).isFalse();
		assertThat(SegmentParser.wellFormedUtf8(bytes, 2, 2)).isTrue();
	}

	@Test
	void agreesWithTheJdksStrictDecoderOnRandomBytes() {
		Random random = new Random(20);
		// bytes drawn from the interesting ranges: ASCII, continuation bytes, and every kind of lead byte
		int[] pool = { 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed,
				0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff };
		for (int run = 0; run < 200_000; run++) {
			byte[] bytes = new byte[1 + random.nextInt(6)];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) pool[random.nextInt(pool.length)];
			}
			assertThat(SegmentParser.wellFormedUtf8(bytes, 0, bytes.length)).as(HexFormat.of().formatHex(bytes))
				.isEqualTo(jdk(bytes));
		}
	}

	private static boolean well(String hex) {
		byte[] bytes = HexFormat.of().parseHex(hex);
		assertThat(jdk(bytes)).as("the JDK agrees on " + hex).isEqualTo(SegmentParser.wellFormedUtf8(bytes, 0, bytes.length));
		return SegmentParser.wellFormedUtf8(bytes, 0, bytes.length);
	}

	private static boolean jdk(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}
}
