package io.kizuna.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EncodingsTests {

	static final String TEXT = "external_id,name\nA-1,株式会社サンプル\nA-2,Sample KK\n";

	@Test
	void utf8IsRecognised() throws IOException {
		assertDetected(TEXT.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, TEXT);
	}

	@Test
	void aUtf8ByteOrderMarkIsSkipped() throws IOException {
		byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[body.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(body, 0, withBom, 3, body.length);
		assertDetected(withBom, StandardCharsets.UTF_8, TEXT);
	}

	@Test
	void shiftJisFromExcelIsRecognised() throws IOException {
		assertDetected(TEXT.getBytes(Encodings.SHIFT_JIS), Encodings.SHIFT_JIS, TEXT);
	}

	@Test
	void aSampleCutInsideACharacterIsStillUtf8() {
		byte[] bytes = "あいう".getBytes(StandardCharsets.UTF_8);
		byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
		assertThat(Encodings.isUtf8(cut, true)).isTrue();
		assertThat(Encodings.isUtf8(cut, false)).isFalse();
	}

	@Test
	void commonNamesForShiftJisMeanWindows31j() {
		assertThat(Encodings.named("Shift_JIS")).isEqualTo(Encodings.SHIFT_JIS);
		assertThat(Encodings.named("cp932")).isEqualTo(Encodings.SHIFT_JIS);
		assertThat(Encodings.named("UTF-8")).isEqualTo(StandardCharsets.UTF_8);
	}

	private static void assertDetected(byte[] bytes, Charset expected, String text) throws IOException {
		BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes));
		Charset detected = Encodings.detect(in);
		assertThat(detected).isEqualTo(expected);
		assertThat(new String(in.readAllBytes(), detected)).isEqualTo(text);
	}
}
