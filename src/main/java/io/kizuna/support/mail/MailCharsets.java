package io.kizuna.support.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

/**
 * Charset handling for real Japanese mail (ADR 0092): the labels mail carries are mapped to the Windows supersets
 * Japanese mailers actually write (ISO-2022-JP → CP50220 family {@code x-windows-iso2022jp}, Shift_JIS → Windows-31J,
 * EUC-JP → {@code x-eucJP-Open}), decoding is strict first, and a label that does not fit the bytes falls back to
 * ICU's detector and then the Japanese candidates. What was done is reported so it can be noted on the message.
 */
public final class MailCharsets {

	static final Charset ISO2022JP_WINDOWS = Charset.forName("x-windows-iso2022jp");

	static final Charset WINDOWS_31J = Charset.forName("windows-31j");

	static final Charset EUC_JP = Charset.forName("x-eucJP-Open");

	private static final Map<String, Charset> SUPERSETS = Map.ofEntries(Map.entry("iso-2022-jp", ISO2022JP_WINDOWS),
			Map.entry("csiso2022jp", ISO2022JP_WINDOWS), Map.entry("iso-2022-jp-1", ISO2022JP_WINDOWS),
			Map.entry("iso-2022-jp-2", ISO2022JP_WINDOWS), Map.entry("iso-2022-jp-3", ISO2022JP_WINDOWS),
			Map.entry("shift_jis", WINDOWS_31J), Map.entry("shift-jis", WINDOWS_31J), Map.entry("sjis", WINDOWS_31J),
			Map.entry("x-sjis", WINDOWS_31J), Map.entry("ms_kanji", WINDOWS_31J), Map.entry("csshiftjis", WINDOWS_31J),
			Map.entry("cp932", WINDOWS_31J), Map.entry("windows-31j", WINDOWS_31J), Map.entry("euc-jp", EUC_JP),
			Map.entry("x-euc-jp", EUC_JP), Map.entry("eucjp", EUC_JP), Map.entry("cseucpkdfmtjapanese", EUC_JP),
			Map.entry("us-ascii", StandardCharsets.US_ASCII), Map.entry("ascii", StandardCharsets.US_ASCII),
			Map.entry("utf8", StandardCharsets.UTF_8));

	private static final List<Charset> JAPANESE = List.of(StandardCharsets.UTF_8, WINDOWS_31J, EUC_JP);

	private MailCharsets() {
	}

	/** The text and how it was read. */
	public record Decoded(String text, String charset, String problem) {
	}

	/** The Java charset for a MIME label, the Windows superset for the Japanese ones; null when unknown. */
	public static Charset forLabel(String label) {
		if (label == null || label.isBlank()) {
			return null;
		}
		String key = label.trim().replace("\"", "").toLowerCase(Locale.ROOT);
		Charset mapped = SUPERSETS.get(key);
		if (mapped != null) {
			return mapped;
		}
		try {
			return Charset.forName(key);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Decodes a text part's bytes: the declared charset when it fits, else the detected one, noted. */
	public static Decoded decode(byte[] bytes, String declaredLabel) {
		Charset declared = forLabel(declaredLabel);
		boolean escapes = hasJisEscapes(bytes);
		if (declared == null && declaredLabel == null) {
			if (escapes) {
				return strict(bytes, ISO2022JP_WINDOWS).map(t -> new Decoded(t, "x-windows-iso2022jp", null))
					.orElseGet(() -> detect(bytes, "no_charset"));
			}
			if (ascii(bytes)) {
				return new Decoded(new String(bytes, StandardCharsets.US_ASCII), "us-ascii", null);
			}
			return detect(bytes, "undeclared_8bit");
		}
		if (declared == null) {
			return detect(bytes, "unknown_charset");
		}
		if (declared.equals(StandardCharsets.US_ASCII) && escapes) {
			return strict(bytes, ISO2022JP_WINDOWS).map(t -> new Decoded(t, "x-windows-iso2022jp", "charset_mislabelled"))
				.orElseGet(() -> detect(bytes, "charset_mislabelled"));
		}
		java.util.Optional<String> text = strict(bytes, declared);
		if (text.isPresent()) {
			if (isLatin(declared) && !ascii(bytes)) {
				// Latin-1 never fails: a Japanese text under a Western label is recognised by the detector.
				Decoded detected = detectJapanese(bytes);
				if (detected != null) {
					return new Decoded(detected.text(), detected.charset(), "charset_mislabelled");
				}
			}
			return new Decoded(text.get(), declared.name(), null);
		}
		return detect(bytes, "charset_mislabelled");
	}

	private static boolean isLatin(Charset charset) {
		String name = charset.name().toLowerCase(Locale.ROOT);
		return name.equals("iso-8859-1") || name.equals("windows-1252");
	}

	private static Decoded detect(byte[] bytes, String problem) {
		if (hasJisEscapes(bytes)) {
			java.util.Optional<String> jis = strict(bytes, ISO2022JP_WINDOWS);
			if (jis.isPresent()) {
				return new Decoded(jis.get(), "x-windows-iso2022jp", problem);
			}
		}
		Decoded japanese = detectJapanese(bytes);
		if (japanese != null) {
			return new Decoded(japanese.text(), japanese.charset(), problem);
		}
		for (Charset candidate : JAPANESE) {
			java.util.Optional<String> text = strict(bytes, candidate);
			if (text.isPresent()) {
				return new Decoded(text.get(), candidate.name(), problem);
			}
		}
		return new Decoded(new String(bytes, StandardCharsets.UTF_8), "UTF-8", problem + ",undecodable_bytes");
	}

	/** ICU's guess when it is a Japanese encoding or UTF-8 and the bytes decode strictly under it. */
	private static Decoded detectJapanese(byte[] bytes) {
		CharsetDetector detector = new CharsetDetector();
		detector.setText(bytes);
		CharsetMatch[] matches = detector.detectAll();
		for (CharsetMatch match : matches) {
			Charset candidate = forLabel(match.getName());
			if (candidate == null || !(JAPANESE.contains(candidate) || candidate.equals(ISO2022JP_WINDOWS))) {
				continue;
			}
			if (match.getConfidence() < 10) {
				break;
			}
			java.util.Optional<String> text = strict(bytes, candidate);
			if (text.isPresent()) {
				return new Decoded(text.get(), candidate.name(), null);
			}
		}
		return null;
	}

	static java.util.Optional<String> strict(byte[] bytes, Charset charset) {
		try {
			return java.util.Optional.of(charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString());
		}
		catch (CharacterCodingException ex) {
			return java.util.Optional.empty();
		}
	}

	static boolean hasJisEscapes(byte[] bytes) {
		for (int i = 0; i + 2 < bytes.length; i++) {
			if (bytes[i] == 0x1B && bytes[i + 1] == '$' && (bytes[i + 2] == 'B' || bytes[i + 2] == '@')) {
				return true;
			}
		}
		return false;
	}

	static boolean ascii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}
}
