package io.kizuna.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis chain of ADR 0097, shared by the knowledge base's search and text analytics. Every analyzer first
 * folds the text with NFKC and case folding (ICU), so full-width ＣＳＶ, half-width ｶﾀｶﾅ and ① read as CSV, カタカナ
 * and 1.
 * <ul>
 * <li>{@link #japanese()}: Kuromoji in search mode (compounds split: 関西国際空港 → 関西 / 国際 / 空港), base forms
 * (解約した → 解約 / する), part-of-speech stop tags (particles, auxiliaries, symbols), Japanese stop words, the
 * katakana stemmer (サーバー → サーバ).</li>
 * <li>{@link #grams()}: CJK bigrams with unigrams beside Latin words, the fallback for what the morphological
 * analyser splits badly and for one-character queries (税).</li>
 * <li>{@link #english()}: the standard tokenizer, possessives, English stop words, Porter stemming.</li>
 * <li>{@link #words()}: unstemmed lower-case words, for typo tolerance and "did you mean".</li>
 * <li>{@link #reading(String)}: the katakana reading of a text, so that かいやく finds 解約.</li>
 * </ul>
 * Analyzers are thread-safe and meant to be shared; the ones returned here are singletons.
 */
public final class TextAnalysis {

	private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();

	private static final Analyzer JAPANESE = new Japanese();

	private static final Analyzer GRAMS = new Grams();

	private static final Analyzer ENGLISH = new English();

	private static final Analyzer WORDS = new Words();

	private static final Analyzer READING = new Reading();

	private static final ThreadLocal<Transliterator> HIRAGANA_KATAKANA = ThreadLocal
		.withInitial(() -> Transliterator.getInstance("Hiragana-Katakana"));

	private TextAnalysis() {
	}

	public static Analyzer japanese() {
		return JAPANESE;
	}

	public static Analyzer grams() {
		return GRAMS;
	}

	public static Analyzer english() {
		return ENGLISH;
	}

	public static Analyzer words() {
		return WORDS;
	}

	/** NFKC with case folding: what every analyzer sees first. */
	public static String normalize(String text) {
		return NFKC_CF.normalize(text);
	}

	/**
	 * The katakana reading of a text: each word read by Kuromoji's dictionary (請求書 → セイキュウショ), hiragana turned
	 * into katakana, words without a reading (Latin, digits) left out. Long-vowel marks are dropped so that サーバー
	 * and サーバ read alike.
	 */
	public static String reading(String text) {
		String katakana = HIRAGANA_KATAKANA.get().transliterate(normalize(text));
		StringBuilder reading = new StringBuilder();
		for (String token : terms(READING, katakana)) {
			for (int i = 0; i < token.length(); i++) {
				char c = token.charAt(i);
				if (c >= '\u30a1' && c <= '\u30fa') {
					reading.append(c);
				}
			}
		}
		return reading.toString();
	}

	/** The terms an analyzer makes of a text, in order (for tests, suggestions and text analytics). */
	public static List<String> terms(Analyzer analyzer, String text) {
		List<String> terms = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	/** Whether a text holds kana or kanji (so that its reading means something). */
	public static boolean hasJapanese(String text) {
		return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
				|| Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
				|| Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA);
	}

	private abstract static class Folding extends Analyzer {

		@Override
		protected Reader initReader(String fieldName, Reader reader) {
			return new ICUNormalizer2CharFilter(reader, NFKC_CF);
		}

		@Override
		protected Reader initReaderForNormalization(String fieldName, Reader reader) {
			return new ICUNormalizer2CharFilter(reader, NFKC_CF);
		}
	}

	private static final class Japanese extends Folding {

		private static final CharArraySet STOP_WORDS = JapaneseAnalyzer.getDefaultStopSet();

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer tokenizer = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.SEARCH);
			TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
			stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
			stream = new CJKWidthFilter(stream);
			stream = new StopFilter(stream, STOP_WORDS);
			stream = new JapaneseKatakanaStemFilter(stream);
			stream = new LowerCaseFilter(stream);
			return new TokenStreamComponents(tokenizer, stream);
		}
	}

	private static final class Grams extends Folding {

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer tokenizer = new StandardTokenizer();
			TokenStream stream = new CJKWidthFilter(tokenizer);
			stream = new LowerCaseFilter(stream);
			stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
					| CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, true);
			return new TokenStreamComponents(tokenizer, stream);
		}
	}

	private static final class English extends Folding {

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer tokenizer = new StandardTokenizer();
			TokenStream stream = new EnglishPossessiveFilter(tokenizer);
			stream = new LowerCaseFilter(stream);
			stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
			stream = new PorterStemFilter(stream);
			return new TokenStreamComponents(tokenizer, stream);
		}
	}

	private static final class Words extends Folding {

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer tokenizer = new StandardTokenizer();
			return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
		}
	}

	/** Kuromoji in normal mode (whole words, so readings stay whole), read as katakana. */
	private static final class Reading extends Analyzer {

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer tokenizer = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.NORMAL);
			return new TokenStreamComponents(tokenizer, new JapaneseReadingFormFilter(tokenizer, false));
		}
	}

}
