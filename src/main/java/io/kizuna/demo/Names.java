package io.kizuna.demo;

import java.util.SplittableRandom;

/** Japanese and English company and person names for the demo. */
final class Names {

	private static final String[] JA_STEMS = { "さくら", "みらい", "あおば", "ひかり", "やまと", "こだま", "つばさ", "はやて", "ことぶき",
			"みなと", "あさひ", "しらかば", "いろは", "ゆうき", "なごみ" };

	private static final String[] JA_ROMAJI = { "sakura", "mirai", "aoba", "hikari", "yamato", "kodama", "tsubasa",
			"hayate", "kotobuki", "minato", "asahi", "shirakaba", "iroha", "yuuki", "nagomi" };

	private static final String[] JA_SUFFIXES = { "テクノロジー", "ロジスティクス", "システムズ", "商事", "製作所", "ソリューションズ", "ホールディングス" };

	private static final String[] EN_STEMS = { "Northwind", "Bluefin", "Cedar", "Harbor", "Summit", "Lumen", "Atlas",
			"Kestrel", "Orchid", "Pioneer", "Quartz", "Riverstone", "Tidewater", "Vantage", "Willow" };

	private static final String[] EN_SUFFIXES = { "Analytics Inc.", "Logistics KK", "Systems Ltd.", "Labs", "Retail Co.",
			"Health GK", "Software Inc." };

	private static final String[] JA_SURNAMES = { "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田" };

	private static final String[] JA_GIVEN = { "太郎", "花子", "翔", "陽菜", "大輝", "結衣", "蓮", "さくら", "悠真", "美咲" };

	private static final String[] EN_GIVEN = { "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia",
			"James" };

	private static final String[] EN_SURNAMES = { "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson",
			"Taylor", "Clark", "Walker" };

	private Names() {
	}

	record Company(String name, String domain, boolean japanese) {
	}

	static Company company(SplittableRandom random, int index) {
		if (random.nextDouble() < 0.6) {
			int stem = random.nextInt(JA_STEMS.length);
			String suffix = JA_SUFFIXES[random.nextInt(JA_SUFFIXES.length)];
			return new Company("株式会社" + JA_STEMS[stem] + suffix, JA_ROMAJI[stem] + "-" + index + ".co.jp", true);
		}
		String stem = EN_STEMS[random.nextInt(EN_STEMS.length)];
		return new Company(stem + " " + EN_SUFFIXES[random.nextInt(EN_SUFFIXES.length)],
				stem.toLowerCase(java.util.Locale.ROOT) + "-" + index + ".example.com", false);
	}

	static String person(SplittableRandom random, boolean japanese) {
		return japanese ? JA_SURNAMES[random.nextInt(JA_SURNAMES.length)] + " " + JA_GIVEN[random.nextInt(JA_GIVEN.length)]
				: EN_GIVEN[random.nextInt(EN_GIVEN.length)] + " " + EN_SURNAMES[random.nextInt(EN_SURNAMES.length)];
	}
}
