package io.kizuna.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/**
 * What the analysis of one text found. Bad input never stops a batch: an empty text, or one with no letters, is
 * stored as not analysed with the reason; HTML remnants are read as their text, control characters dropped, a very
 * long text analysed over its first {@link #ANALYSED_CHARS} characters, a third language kept searchable but neither
 * scored nor mined.
 */
record Analysis(String body, String status, String skipReason, String language, String sentiment, Double score,
		List<String> reasons, List<String> terms, List<String> tokens) {

	static final int STORED_CHARS = 20_000;

	static final int ANALYSED_CHARS = 20_000;

	static final int MAX_TOKENS = 2_000;

	private static final Pattern HTML = Pattern.compile("<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[^>]{0,500}>");

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\p{Cs}\\x{FFFE}\\x{FFFF}]");

	static String clean(String text) {
		if (text == null) {
			return "";
		}
		String bounded = text.length() > STORED_CHARS * 5 ? text.substring(0, STORED_CHARS * 5) : text;
		if (HTML.matcher(bounded).find() || bounded.contains("&lt;") || bounded.contains("&amp;")) {
			bounded = Jsoup.parse(bounded).wholeText();
		}
		String cleaned = CONTROL.matcher(bounded).replaceAll(" ").strip();
		if (cleaned.length() > STORED_CHARS) {
			int end = STORED_CHARS;
			if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
				end--;
			}
			cleaned = cleaned.substring(0, end);
		}
		return cleaned;
	}

	static Analysis of(String raw, Terms terms) {
		String body = clean(raw);
		if (body.isEmpty()) {
			return skipped(body, "empty", null);
		}
		String language = Languages.detect(body);
		if (language == null) {
			return skipped(body, "no_letters", null);
		}
		String analysed = body.length() > ANALYSED_CHARS ? body.substring(0, ANALYSED_CHARS) : body;
		List<String> tokens = tokens(analysed, language);
		if (Languages.OTHER.equals(language)) {
			return new Analysis(body, "not_analysed", "language", language, null, null, List.of(), List.of(), tokens);
		}
		// a Japanese text is split into words once, for its sentiment and its terms alike
		List<Terms.Morpheme> words = Languages.JAPANESE.equals(language) ? terms.morphemes(analysed) : null;
		Sentiments.Result sentiment = words != null ? Sentiments.japanese(words) : Sentiments.analyse(terms, analysed, language);
		List<String> found = words != null ? terms.extract(terms.japanese(words)) : terms.extract(analysed, language);
		return new Analysis(body, "analysed", raw != null && raw.length() > ANALYSED_CHARS ? "truncated" : null, language,
				sentiment.label(), sentiment.score(), sentiment.reasons(), found, tokens);
	}

	private static Analysis skipped(String body, String reason, String language) {
		return new Analysis(body, "not_analysed", reason, language, null, null, List.of(), List.of(), List.of());
	}

	/** The tokens search matches, made by the knowledge base's chain (ADR 0097). */
	static List<String> tokens(String text, String language) {
		Set<String> tokens = new LinkedHashSet<>();
		if (TextAnalysis.hasJapanese(text)) {
			tokens.addAll(TextAnalysis.terms(TextAnalysis.japanese(), text));
		}
		if (!Languages.JAPANESE.equals(language)) {
			tokens.addAll(TextAnalysis.terms(TextAnalysis.english(), text));
		}
		return tokens.stream().filter(t -> t.length() <= 100).limit(MAX_TOKENS).toList();
	}

	/** A query's tokens, by each chain that may have made the document's: all of one set must match. */
	static List<List<String>> queryTokens(String query) {
		String q = query.length() > 200 ? query.substring(0, 200) : query;
		List<String> japanese = TextAnalysis.terms(TextAnalysis.japanese(), q);
		if (TextAnalysis.hasJapanese(q)) {
			return japanese.isEmpty() ? List.of() : List.of(japanese);
		}
		List<String> english = TextAnalysis.terms(TextAnalysis.english(), q);
		return java.util.stream.Stream.of(english, japanese).filter(l -> !l.isEmpty()).distinct().toList();
	}
}
