package io.kizuna.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Language per text (ADR 0112): kana can only be Japanese, so a text with kana is {@code ja} at once; anything else
 * goes to Apache OpenNLP's language detector (the model of 103 languages Tika ships), which tells English from a
 * third language and Chinese from kanji-only Japanese. The model is loaded once, on first use.
 */
final class Languages {

	static final String JAPANESE = "ja";

	static final String ENGLISH = "en";

	/** A text in a language we have no analysis for: stored, searchable by its words, but neither scored nor mined. */
	static final String OTHER = "other";

	private static final int SAMPLE = 2_000;

	private static volatile LanguageDetectorModel model;

	private static final ThreadLocal<LanguageDetectorME> DETECTOR = ThreadLocal
		.withInitial(() -> new LanguageDetectorME(model()));

	private Languages() {
	}

	/** {@code ja}, {@code en} or {@code other}; null when the text holds no letters at all (emoji, digits). */
	static String detect(String text) {
		String sample = text.length() > SAMPLE ? text.substring(0, SAMPLE) : text;
		int letters = 0;
		int kana = 0;
		int han = 0;
		int latin = 0;
		for (int i = 0; i < sample.length();) {
			int c = sample.codePointAt(i);
			i += Character.charCount(c);
			if (!Character.isLetter(c)) {
				continue;
			}
			letters++;
			Character.UnicodeScript script = Character.UnicodeScript.of(c);
			if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
				kana++;
			}
			else if (script == Character.UnicodeScript.HAN) {
				han++;
			}
			else if (script == Character.UnicodeScript.LATIN) {
				latin++;
			}
		}
		if (letters == 0) {
			return null;
		}
		if (kana > 0 && (kana * 5 >= letters || han + kana * 2 >= latin)) {
			return JAPANESE;
		}
		if (han == 0 && latin < 3) {
			return OTHER;
		}
		if (latin == letters && plainlyEnglish(sample)) {
			return ENGLISH;
		}
		Language best = DETECTOR.get().predictLanguage(sample);
		return switch (best.getLang()) {
			case "jpn" -> JAPANESE;
			case "eng" -> ENGLISH;
			// a short Latin text the model is unsure of is more likely English than anything else in a product here
			default -> latin == letters && best.getConfidence() < 0.5 && letters < 40 ? ENGLISH : OTHER;
		};
	}

	/** Function words no other language spells so: three of them, one word in seven, and the model is not needed. */
	private static final java.util.Set<String> ENGLISH_MARKERS = java.util.Set.of("the", "and", "with", "this", "that",
			"have", "been", "would", "could", "should", "there", "their", "which", "from", "what", "since", "our",
			"your", "it's", "don't", "can't", "we're", "i'm", "doesn't", "isn't", "won't", "does", "these", "those");

	private static final java.util.regex.Pattern WORDS = java.util.regex.Pattern.compile("[a-z]+(?:['’][a-z]+)?");

	// the detector's n-gram model is a third of the analysis of an English text; most of them say so plainly
	static boolean plainlyEnglish(String sample) {
		String lower = sample.toLowerCase(java.util.Locale.ROOT);
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			if (c > 127 && Character.isLetter(c)) {
				return false; // é, ü, ñ: another Latin language is likely
			}
		}
		java.util.regex.Matcher m = WORDS.matcher(lower);
		int words = 0;
		int markers = 0;
		java.util.Set<String> distinct = new java.util.HashSet<>();
		while (m.find()) {
			words++;
			String word = m.group().replace('’', '\'');
			if (ENGLISH_MARKERS.contains(word)) {
				markers++;
				distinct.add(word);
			}
		}
		return distinct.size() >= 3 && markers * 7 >= words;
	}

	private static LanguageDetectorModel model() {
		if (model == null) {
			synchronized (Languages.class) {
				if (model == null) {
					try (InputStream in = Languages.class.getResourceAsStream("/opennlp-langdetect-20210413.bin")) {
						if (in == null) {
							throw new IllegalStateException("the language model is missing from the class path");
						}
						model = new LanguageDetectorModel(in);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
		}
		return model;
	}
}
