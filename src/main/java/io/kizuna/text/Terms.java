package io.kizuna.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.analysis.ja.tokenattributes.BaseFormAttribute;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Term extraction (ADR 0111): the phrases a text speaks of, as a reader would name them.
 * <ul>
 * <li>Japanese: Kuromoji in normal mode (whole words, the workspace's product names as one token each), consecutive
 * nouns joined into one compound with their prefixes and suffixes (請求 + 書 + 発行 → 請求書発行, 二 + 段階 + 認証 →
 * 二段階認証), and a noun of action followed by a negated できる kept as the phrase it is (ログインできない). The
 * search chain ({@link TextAnalysis#japanese()}) splits compounds on purpose and is not touched.</li>
 * <li>English: noun phrases from OpenNLP's part-of-speech tagger (UD English EWT model): adjectives and nouns in a run
 * that ends in a noun ("two-factor authentication", "invoice download"), and "can't" + verb (+ particle) as a phrase
 * ("can't log in").</li>
 * </ul>
 * Then the workspace's synonyms fold variants into one term and its stop words (and the built-in ones) drop what says
 * nothing. One instance per workspace vocabulary; thread-safe.
 */
final class Terms {

	static final int MAX_TERMS_PER_TEXT = 200;

	private static final int MAX_TERM_LENGTH = 60;

	private static final Set<String> JA_STOP = Set.of("こと", "もの", "ため", "よう", "とき", "ところ", "さん", "様", "方",
			"件", "今回", "前回", "以下", "以上", "私", "弊社", "御社", "貴社", "皆様", "お客様", "ありがとう", "お願い",
			"確認", "対応", "問題", "状況", "感じ", "場合", "今日", "現在", "ほう", "それ", "これ", "あれ",
			// the courtesies of business mail say nothing of the matter
			"お世話", "世話", "お手数", "手数", "ご確認", "ご連絡", "連絡", "ご対応", "お問い合わせ", "問い合わせ", "いつも", "本日",
			"先日", "何卒", "恐縮", "方法", "複数", "一部", "全部", "内容", "詳細", "全員");

	/** Corporate forms: a company is named by what follows them, and they join nothing into a compound. */
	private static final Set<String> CORPORATE_FORMS = Set.of("株式会社", "有限会社", "合同会社", "合資会社", "合名会社");

	/** Enclosed numbers (①, ⑴, ⒈, ❶, ㉑) mark list items; NFKC would glue them as digits to the noun after them. */
	private static final Pattern LIST_MARKERS = Pattern.compile("[\\u2460-\\u24FF\\u2776-\\u2793\\u3251-\\u325F\\u32B1-\\u32BF]");

	private static final Set<String> EN_STOP = Set.of("thing", "things", "lot", "lots", "way", "time", "times", "today",
			"day", "days", "everything", "something", "anything", "nothing", "people", "guys", "guy", "bit", "one",
			"kind", "sort", "stuff", "place", "thanks", "thank", "hi", "hello", "please", "team", "week", "month",
			"year", "morning", "yesterday", "i", "we", "you", "it", "they", "problem", "issue", "issues", "question");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'’][\\p{L}\\p{N}]+)*");

	private static final Pattern SENTENCE = Pattern.compile("[.!?。！？\\n;:()\\[\\]\"“”]+");

	private static final Pattern CLITIC = Pattern.compile(".+'(s|re|ve|ll|d|m)");

	private static final Pattern NUMBER = Pattern.compile("[0-9.,]+");

	private static final Set<String> PARTICLES = Set.of("in", "on", "out", "up", "into", "off", "down", "back");

	private static volatile POSModel posModel;

	private static final ThreadLocal<POSTaggerME> TAGGER = ThreadLocal.withInitial(() -> new POSTaggerME(posModel()));

	private final Analyzer japanese;

	private final Set<String> stopWords;

	private final Map<String, String> synonyms;

	Terms(TextSettings settings) {
		this.japanese = new NormalMode(userDictionary(settings.productNames()));
		this.stopWords = settings.stopSet();
		this.synonyms = settings.synonyms();
	}

	/** The distinct terms of a cleaned text in its language, at most {@link #MAX_TERMS_PER_TEXT}. */
	List<String> extract(String text, String language) {
		return extract(Languages.JAPANESE.equals(language) ? japanese(morphemes(text))
				: Languages.ENGLISH.equals(language) ? english(text) : List.of());
	}

	/** The distinct terms of these raw phrases, folded and filtered, at most {@link #MAX_TERMS_PER_TEXT}. */
	List<String> extract(List<String> raw) {
		Set<String> terms = new LinkedHashSet<>();
		for (String term : raw) {
			String folded = fold(term);
			if (keep(folded)) {
				terms.add(folded);
				if (terms.size() == MAX_TERMS_PER_TEXT) {
					break;
				}
			}
		}
		return List.copyOf(terms);
	}

	/** A term as the workspace names it: its synonyms folded in (a variant inside a compound too). */
	String fold(String term) {
		String folded = TextAnalysis.normalize(term).strip();
		String whole = synonyms.get(folded);
		if (whole != null) {
			return whole;
		}
		for (Map.Entry<String, String> synonym : synonyms.entrySet()) {
			String variant = synonym.getKey();
			if (!folded.contains(variant)) {
				continue;
			}
			folded = TextAnalysis.hasJapanese(variant) ? folded.replace(variant, synonym.getValue())
					: folded.replaceAll("(?<![\\p{L}\\p{N}])" + Pattern.quote(variant) + "(?![\\p{L}\\p{N}])",
							Matcher.quoteReplacement(synonym.getValue()));
		}
		return folded;
	}

	private boolean keep(String term) {
		if (term.codePointCount(0, term.length()) < 2 || term.length() > MAX_TERM_LENGTH) {
			return false;
		}
		if (stopWords.contains(term) || JA_STOP.contains(term) || EN_STOP.contains(term)
				|| EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(term)
				|| JapaneseAnalyzer.getDefaultStopSet().contains(term)) {
			return false;
		}
		// a term says something only with a letter that is not a lone kana: 2026, ｗｗ and ねー say nothing
		return term.codePoints().anyMatch(c -> Character.isLetter(c)) && !term.chars().allMatch(c -> c < 128 && !Character.isLetter(c))
				&& !term.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA);
	}

	/** One word of a Japanese text, where it starts and ends in the normalised text. */
	record Morpheme(String surface, String base, String pos, int start, int end) {

		Morpheme(String surface, String base, String pos) {
			this(surface, base, pos, -1, -1);
		}

		// people's names (佐藤, 花子) and corporate forms are who wrote or where from, never what about
		boolean noun() {
			return pos.equals("カスタム名詞") || pos.startsWith("名詞") && !pos.contains("非自立") && !pos.contains("代名詞") && !pos.contains("副詞可能")
					&& !pos.contains("接続詞的") && !pos.contains("特殊") && !pos.contains("人名")
					&& !CORPORATE_FORMS.contains(surface);
		}

		/** Written right after the other, with no punctuation or line break between them (both are dropped). */
		boolean follows(Morpheme before) {
			return start < 0 || before.end < 0 || start == before.end;
		}

		boolean suffix() {
			return pos.startsWith("名詞-接尾");
		}

		boolean prefix() {
			return pos.startsWith("接頭詞-名詞接続");
		}

		// 必要, 顕著, 簡単: the stem of an adjectival noun qualifies a matter, it names none on its own
		boolean content() {
			return noun() && !suffix() && !pos.startsWith("名詞-数") && !pos.startsWith("名詞-形容動詞語幹");
		}
	}

	/** Compounds of these words of a Japanese text (as {@link #morphemes} gives them). */
	List<String> japanese(List<Morpheme> morphemes) {
		List<String> terms = new ArrayList<>();
		int i = 0;
		while (i < morphemes.size()) {
			Morpheme first = morphemes.get(i);
			if (!(first.noun() || (first.prefix() && i + 1 < morphemes.size() && morphemes.get(i + 1).noun()
					&& morphemes.get(i + 1).follows(first))) || first.suffix()) {
				i++;
				continue;
			}
			StringBuilder compound = new StringBuilder(first.surface());
			boolean content = first.content();
			int j = i + 1;
			while (j < morphemes.size() && (morphemes.get(j).noun() || morphemes.get(j).suffix())
					&& morphemes.get(j).follows(morphemes.get(j - 1))) {
				compound.append(morphemes.get(j).surface());
				content |= morphemes.get(j).content();
				j++;
			}
			if (content) {
				terms.add(compound.toString());
				Morpheme last = morphemes.get(j - 1);
				// ログイン + でき + ない: the failure is what customers report, so the phrase is a term of its own
				if (!last.pos().startsWith("名詞-数") && j + 1 < morphemes.size() && "できる".equals(morphemes.get(j).base())
						&& negated(morphemes, j + 1)) {
					terms.add(compound + "できない");
				}
			}
			i = j;
		}
		return terms;
	}

	/** できない, and politely できません (ませ + ん). */
	private static boolean negated(List<Morpheme> morphemes, int at) {
		Morpheme next = morphemes.get(at);
		if ("ます".equals(next.base()) && at + 1 < morphemes.size()) {
			next = morphemes.get(at + 1);
		}
		return isNegation(next);
	}

	static boolean isNegation(Morpheme m) {
		return ("ない".equals(m.base()) || "ぬ".equals(m.base()) || "ん".equals(m.surface()))
				&& (m.pos().startsWith("助動詞") || m.pos().startsWith("形容詞"));
	}

	/** The words of a raw Japanese text: list markers dropped, normalised, in Kuromoji's normal mode. */
	List<Morpheme> morphemes(String raw) {
		String text = TextAnalysis.normalize(LIST_MARKERS.matcher(raw).replaceAll(" "));
		List<Morpheme> morphemes = new ArrayList<>();
		try (TokenStream stream = japanese.tokenStream("", new StringReader(text))) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			BaseFormAttribute base = stream.addAttribute(BaseFormAttribute.class);
			PartOfSpeechAttribute pos = stream.addAttribute(PartOfSpeechAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				String surface = term.toString();
				String partOfSpeech = pos.getPartOfSpeech() == null ? "" : pos.getPartOfSpeech();
				morphemes.add(new Morpheme(surface, base.getBaseForm() == null ? surface : base.getBaseForm(), partOfSpeech,
						offset.startOffset(), offset.endOffset()));
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return morphemes;
	}

	List<String> english(String text) {
		List<String> terms = new ArrayList<>();
		String cased = Normalizer.normalize(text, Normalizer.Form.NFKC);
		for (String sentence : SENTENCE.split(cased)) {
			List<String> words = words(sentence);
			if (words.isEmpty()) {
				continue;
			}
			if (words.size() > 200) {
				words = words.subList(0, 200);
			}
			String[] tokens = words.toArray(String[]::new);
			String[] tags = TAGGER.get().tag(tokens);
			int i = 0;
			while (i < tokens.length) {
				if (isNegatedAbility(tokens, i)) {
					int verb = i + 2; // ca n't VERB, can not VERB, unable to VERB
					if (verb < tokens.length && tags[verb].equals("VERB")) {
						String phrase = "can't " + tokens[verb].toLowerCase(Locale.ROOT);
						if (verb + 1 < tokens.length && PARTICLES.contains(tokens[verb + 1].toLowerCase(Locale.ROOT))) {
							phrase += " " + tokens[verb + 1].toLowerCase(Locale.ROOT);
						}
						terms.add(phrase);
					}
				}
				if (isNominal(tags[i])) {
					int j = i;
					while (j < tokens.length && isNominal(tags[j])) {
						j++;
					}
					int end = j;
					while (end > i && (tags[end - 1].equals("ADJ") || tags[end - 1].equals("NUM"))) {
						end--;
					}
					int start = Math.max(i, end - 4);
					if (end > start) {
						List<String> phrase = new ArrayList<>();
						for (int k = start; k < end; k++) {
							phrase.add(tokens[k].toLowerCase(Locale.ROOT));
						}
						while (!phrase.isEmpty() && (EN_STOP.contains(phrase.get(0)) || NUMBER.matcher(phrase.get(0)).matches()
								|| EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(phrase.get(0)))) {
							phrase.remove(0);
						}
						if (!phrase.isEmpty()) {
							terms.add(String.join(" ", phrase));
						}
					}
					i = j;
				}
				else {
					i++;
				}
			}
		}
		return terms;
	}

	private static boolean isNominal(String tag) {
		return tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("ADJ") || tag.equals("NUM");
	}

	private static boolean isNegatedAbility(String[] tokens, int i) {
		if (i + 1 >= tokens.length) {
			return false;
		}
		String word = tokens[i].toLowerCase(Locale.ROOT);
		String next = tokens[i + 1].toLowerCase(Locale.ROOT);
		return ((word.equals("ca") || word.equals("can") || word.equals("could")) && (next.equals("n't") || next.equals("not")))
				|| (word.equals("unable") && next.equals("to"));
	}

	/** Words as the tagger was trained on them: "can't" is "ca" + "n't", "it's" is "it" + "'s". */
	static List<String> words(String sentence) {
		List<String> words = new ArrayList<>();
		Matcher m = WORD.matcher(sentence.replace('’', '\''));
		while (m.find()) {
			String w = m.group();
			String lower = w.toLowerCase(Locale.ROOT);
			if (lower.equals("cannot")) {
				words.add(w.substring(0, 3));
				words.add("not");
			}
			else if (lower.equals("cant")) {
				words.add("ca");
				words.add("n't");
			}
			else if (lower.endsWith("n't") && w.length() > 3) {
				words.add(w.substring(0, w.length() - 3));
				words.add("n't");
			}
			else if (CLITIC.matcher(lower).matches()) {
				int apostrophe = w.lastIndexOf('\'');
				words.add(w.substring(0, apostrophe));
				words.add(w.substring(apostrophe));
			}
			else {
				words.add(w);
			}
		}
		return words;
	}

	private static UserDictionary userDictionary(List<String> productNames) {
		StringBuilder csv = new StringBuilder();
		for (String name : productNames) {
			String n = TextAnalysis.normalize(name).strip().replace(",", "").replace("\"", "");
			if (!n.isEmpty() && !n.contains(" ")) {
				csv.append(n).append(',').append(n).append(',').append(n).append(",カスタム名詞\n");
			}
		}
		if (csv.isEmpty()) {
			return null;
		}
		try {
			return UserDictionary.open(new StringReader(csv.toString()));
		}
		catch (IOException | RuntimeException ex) {
			throw new io.kizuna.shared.InvalidInputException("product names cannot be read as a dictionary: " + ex.getMessage());
		}
	}

	private static POSModel posModel() {
		if (posModel == null) {
			synchronized (Terms.class) {
				if (posModel == null) {
					try (InputStream in = Terms.class.getResourceAsStream("/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")) {
						if (in == null) {
							throw new IllegalStateException("the English part-of-speech model is missing from the class path");
						}
						POSModel loaded = new POSModel(in);
						// greedy tagging (a beam of one instead of the model's default three): a third of the work
						posModel = new POSModel(loaded.getLanguage(), (opennlp.tools.ml.model.MaxentModel) loaded.getArtifact("pos.model"),
								1, null, loaded.getFactory());
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
		}
		return posModel;
	}

	/** Kuromoji in normal mode over NFKC-folded text, with the workspace's dictionary; punctuation dropped. */
	private static final class NormalMode extends Analyzer {

		private final UserDictionary dictionary;

		NormalMode(UserDictionary dictionary) {
			this.dictionary = dictionary;
		}

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			Tokenizer tokenizer = new JapaneseTokenizer(dictionary, true, true, JapaneseTokenizer.Mode.NORMAL);
			return new TokenStreamComponents(tokenizer);
		}
	}
}
