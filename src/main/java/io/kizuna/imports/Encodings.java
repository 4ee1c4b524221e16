package io.kizuna.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Which encoding a CSV file is in. Japanese spreadsheets are often saved as Shift_JIS: a sample that is not valid
 * UTF-8 is read as windows-31j (Microsoft's Shift_JIS, which Excel writes). A UTF-8 byte-order mark is skipped.
 */
final class Encodings {

	static final Charset SHIFT_JIS = Charset.forName("windows-31j");

	private static final int SAMPLE = 64 * 1024;

	private Encodings() {
	}

	/** Detects the encoding and leaves the stream positioned after any byte-order mark. */
	static Charset detect(BufferedInputStream in) throws IOException {
		in.mark(SAMPLE + 1);
		byte[] sample = in.readNBytes(SAMPLE);
		in.reset();
		if (sample.length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
			in.skipNBytes(3);
			return StandardCharsets.UTF_8;
		}
		return isUtf8(sample, sample.length == SAMPLE) ? StandardCharsets.UTF_8 : SHIFT_JIS;
	}

	/** Skips a UTF-8 byte-order mark when the caller named the encoding. */
	static void skipBom(BufferedInputStream in, Charset charset) throws IOException {
		if (StandardCharsets.UTF_8.equals(charset)) {
			in.mark(3);
			byte[] start = in.readNBytes(3);
			if (!(start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF)) {
				in.reset();
			}
		}
	}

	/** @param truncated the sample may end inside a character, which is not an error */
	static boolean isUtf8(byte[] sample, boolean truncated) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(sample);
		CharBuffer chars = CharBuffer.allocate(sample.length);
		var result = decoder.decode(bytes, chars, !truncated);
		if (result.isError()) {
			return false;
		}
		try {
			if (!truncated) {
				result = decoder.flush(chars);
			}
			return !result.isError() && (truncated ? bytes.remaining() < 4 : !bytes.hasRemaining());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static Charset named(String name) {
		try {
			return "shift_jis".equalsIgnoreCase(name) || "sjis".equalsIgnoreCase(name) || "cp932".equalsIgnoreCase(name)
					? SHIFT_JIS : Charset.forName(name);
		}
		catch (RuntimeException ex) {
			throw new FileRefusedException("unknown encoding '" + name + "'", java.util.List.of(
					"encoding: UTF-8 or Shift_JIS (windows-31j)"), FileRefusedException.Keyed.of("import.refused.encoding", name),
					java.util.List.of());
		}
	}
}
