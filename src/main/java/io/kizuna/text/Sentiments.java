package io.kizuna.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sentiment per text (ADR 0113): a polarity lexicon of our own (written for this project, no third-party lexicon is
 * bundled) over Kuromoji's base forms for Japanese and lower-case words for English, with negation (使いやすくない,
 * "not helpful": the polarity flips; できない and "can't" count against), intensifiers ("very", とても) and a contrast
 * ("..., but", けど) that lets the later clause weigh more. The score is tanh of the weighted sum, in [-1, 1]; the
 * reasons are the phrases that carried it, as written.
 */
final class Sentiments {

	static final double THRESHOLD = 0.25;

	record Result(String label, double score, List<String> reasons) {
	}

	private static final Map<String, Double> JA = new HashMap<>();

	private static final Map<String, Double> EN = new HashMap<>();

	private static final Set<String> EN_NEGATORS = Set.of("not", "n't", "no", "never", "hardly", "barely", "nothing",
			"without", "nor", "neither");

	private static final Set<String> EN_INTENSIFIERS = Set.of("very", "really", "so", "extremely", "super", "too",
			"absolutely", "totally", "incredibly", "highly", "most");

	private static final Set<String> JA_INTENSIFIERS = Set.of("とても", "非常", "大変", "すごい", "凄い", "本当", "かなり",
			"全く", "めちゃくちゃ", "最も");

	static {
		ja(1, "良い", "いい", "よい", "便利", "満足", "助かる", "素晴らしい", "快適", "分かる", "わかる", "嬉しい", "うれしい",
				"楽しい", "簡単", "早い", "速い", "丁寧", "親切", "安心", "好き", "最高", "優秀", "感謝", "使いやすい",
				"分かりやすい", "わかりやすい", "見やすい", "安定", "改善", "向上", "増加", "増収", "増益", "好調", "堅調",
				"回復", "拡大", "上昇", "伸長", "順調", "黒字", "成長", "好転", "期待", "評価", "魅力", "信頼", "解決",
				"スムーズ", "快い", "素敵", "強い", "充実", "貢献", "寄与", "高い", "伸びる", "増える", "上回る", "好評", "ありがたい",
				"役立つ", "役に立つ", "気に入る", "おすすめ", "お勧め", "効率", "効果", "成功", "利益", "収益", "高水準");
		ja(-1, "悪い", "不満", "不便", "遅い", "困る", "難しい", "分かりにくい", "わかりにくい", "使いにくい", "見にくい",
				"不安", "残念", "最悪", "面倒", "複雑", "高額", "エラー", "障害", "不具合", "バグ", "落ちる", "止まる", "失敗",
				"解約", "怒る", "苦情", "遅延", "重い", "不安定", "低下", "減少", "減収", "減益", "悪化", "低迷", "下落",
				"縮小", "赤字", "損失", "厳しい", "減速", "不透明", "懸念", "弱い", "下回る", "減る", "落ち込む", "停滞",
				"不足", "影響", "困難", "危険", "問題", "ひどい", "酷い", "壊れる", "消える", "がっかり", "不親切", "高い金額",
				"減損", "鈍化", "低調", "軟調", "悪影響", "リスク", "負担");
		// after a verb: 使いやすい, 分かりにくい, 見づらい
		ja(1, "やすい");
		ja(-1, "にくい", "づらい", "辛い");
		// negated, these are complaints: 使えない, できない, 繋がらない, 届かない
		ja(0, "できる", "使える", "つながる", "繋がる", "届く", "動く", "開く", "表示", "反映", "ログイン");

		en(1, "good", "great", "love", "loved", "loves", "excellent", "amazing", "awesome", "fantastic", "wonderful",
				"perfect", "nice", "happy", "pleased", "helpful", "easy", "fast", "quick", "friendly", "delicious",
				"tasty", "fresh", "best", "better", "recommend", "recommended", "enjoy", "enjoyed", "like", "liked",
				"reliable", "intuitive", "smooth", "satisfied", "impressed", "impressive", "beautiful", "clean", "glad",
				"thanks", "thank", "solved", "fixed", "works", "worked", "efficient", "incredible", "outstanding",
				"superb", "fun", "favorite", "favourite", "attentive", "generous", "reasonable", "yummy", "cool",
				"pleasant", "comfortable", "fine", "decent", "useful", "valuable", "convenient", "simple", "stable");
		en(-1, "bad", "terrible", "awful", "horrible", "worst", "worse", "poor", "slow", "hate", "hated", "broken",
				"bug", "bugs", "buggy", "error", "errors", "crash", "crashes", "crashed", "fail", "fails", "failed",
				"failure", "disappointed", "disappointing", "disappointment", "frustrated", "frustrating", "annoying",
				"confusing", "difficult", "hard", "expensive", "rude", "cold", "bland", "dirty", "gross", "mediocre",
				"overpriced", "unhappy", "angry", "upset", "problem", "problems", "issue", "outage", "down", "stuck",
				"lost", "missing", "cancel", "churn", "complaint", "waste", "wasted", "sick", "slowly", "never",
				"unfortunately", "sucks", "sucked", "lacking", "lacks", "wrong", "ugly", "inedible", "tasteless",
				"undercooked", "overcooked", "soggy", "greasy", "nasty", "disgusting", "unusable", "unreliable", "avoid");
		en(0, "work", "working", "log", "login", "load", "open", "access", "find", "use", "sign", "connect");
	}

	private static void ja(double polarity, String... words) {
		for (String w : words) {
			JA.put(w, polarity);
		}
	}

	private static void en(double polarity, String... words) {
		for (String w : words) {
			EN.put(w, polarity);
		}
	}

	private Sentiments() {
	}

	static Result analyse(Terms terms, String text, String language) {
		if (Languages.JAPANESE.equals(language)) {
			return japanese(terms.morphemes(text));
		}
		if (Languages.ENGLISH.equals(language)) {
			return english(Terms.words(text.toLowerCase(Locale.ROOT)));
		}
		return null;
	}

	static Result japanese(List<Terms.Morpheme> morphemes) {
		double sum = 0;
		List<String> reasons = new ArrayList<>();
		double weight = 1;
		for (int i = 0; i < morphemes.size(); i++) {
			Terms.Morpheme m = morphemes.get(i);
			if (m.pos().startsWith("助詞-接続助詞") && (m.surface().equals("が") || m.surface().equals("けど")
					|| m.surface().equals("けれど") || m.surface().equals("のに"))) {
				sum *= 0.5; // what follows "…が" / "…けど" is what the writer means
				continue;
			}
			if (m.surface().equals("しかし") || m.surface().equals("ただ")) {
				sum *= 0.5;
				continue;
			}
			Double polarity = JA.get(m.base());
			if (polarity == null) {
				polarity = JA.get(m.surface());
			}
			if (polarity == null) {
				if (JA_INTENSIFIERS.contains(m.base())) {
					weight = 1.5;
				}
				continue;
			}
			int negation = -1;
			for (int j = i + 1; j < Math.min(morphemes.size(), i + 4); j++) {
				Terms.Morpheme next = morphemes.get(j);
				if (Terms.isNegation(next) || "ず".equals(next.surface()) || "ません".equals(next.surface())) {
					negation = j;
					break;
				}
				if (next.pos().startsWith("助詞-格助詞") || next.pos().startsWith("記号") || JA.containsKey(next.base())) {
					break;
				}
			}
			double value = polarity;
			if (negation >= 0) {
				value = polarity == 0 ? -1 : -polarity;
			}
			else {
				// 改善してほしい, 早く直してほしい: asking for it says it is missing, a complaint
				for (int j = i + 1; j < Math.min(morphemes.size(), i + 4); j++) {
					Terms.Morpheme next = morphemes.get(j);
					if (next.pos().startsWith("記号") || next.pos().startsWith("助詞-格助詞")) {
						break;
					}
					if ("ほしい".equals(next.base()) || "欲しい".equals(next.base())) {
						negation = j;
						value = -1;
						break;
					}
				}
			}
			if (value == 0) {
				continue;
			}
			sum += value * weight;
			weight = 1;
			StringBuilder phrase = new StringBuilder();
			int start = i > 0 && m.pos().contains("非自立") && morphemes.get(i - 1).pos().startsWith("動詞") ? i - 1 : i;
			for (int k = start; k <= (negation >= 0 ? negation : i); k++) {
				phrase.append(morphemes.get(k).surface());
			}
			reasons.add((value > 0 ? "+" : "-") + phrase);
		}
		return result(sum, reasons);
	}

	private static Result english(List<String> words) {
		double sum = 0;
		List<String> reasons = new ArrayList<>();
		for (int i = 0; i < words.size(); i++) {
			String w = words.get(i);
			if (w.equals("but") || w.equals("however") || w.equals("although")) {
				sum *= 0.5;
				continue;
			}
			Double polarity = EN.get(w);
			if (polarity == null) {
				continue;
			}
			int negation = -1;
			for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
				if (EN_NEGATORS.contains(words.get(j))) {
					negation = j;
					break;
				}
				if (EN.containsKey(words.get(j)) && EN.get(words.get(j)) != 0) {
					break;
				}
			}
			if (w.equals("never") || w.equals("nothing")) {
				negation = -1;
			}
			double value = polarity;
			if (negation >= 0) {
				value = polarity == 0 ? -1 : -polarity * 0.8;
			}
			if (value == 0) {
				continue;
			}
			if (i > 0 && EN_INTENSIFIERS.contains(words.get(i - 1))) {
				value *= 1.5;
			}
			sum += value;
			int from = negation >= 0 ? negation : (i > 0 && EN_INTENSIFIERS.contains(words.get(i - 1)) ? i - 1 : i);
			reasons.add((value > 0 ? "+" : "-") + String.join(" ", words.subList(from, i + 1)).replace(" n't", "n't"));
		}
		return result(sum, reasons);
	}

	private static Result result(double sum, List<String> reasons) {
		double score = Math.tanh(sum / 2);
		String label = score <= -THRESHOLD ? "negative" : score >= THRESHOLD ? "positive" : "neutral";
		return new Result(label, Math.round(score * 1000) / 1000.0, reasons.size() > 10 ? reasons.subList(0, 10) : reasons);
	}
}
