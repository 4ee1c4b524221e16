package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Hand-labelled ja and en texts: compounds kept whole, English noun phrases, synonyms, product names. */
class TermsTests {

	private final Terms plain = new Terms(TextSettings.NONE);

	@Test
	void japaneseCompoundNounsStayWhole() {
		assertThat(plain.extract("請求書発行の画面が開きません", "ja")).contains("請求書発行");
		assertThat(plain.extract("二段階認証を有効にしたらエラーになった", "ja")).contains("二段階認証");
		assertThat(plain.extract("顧客管理システムの導入を検討中です", "ja")).contains("顧客管理システム");
		// the search chain still splits them, on purpose
		assertThat(TextAnalysis.terms(TextAnalysis.japanese(), "請求書発行")).doesNotContain("請求書発行");
	}

	@Test
	void aFailedActionIsAPhrase() {
		assertThat(plain.extract("昨日からログインできない状態です", "ja")).contains("ログインできない", "ログイン");
	}

	@Test
	void wordsThatSayNothingAreLeftOut() {
		List<String> terms = plain.extract("今回の件についてよろしくお願いします。2026年", "ja");
		assertThat(terms).doesNotContain("件", "今回", "2026年", "2026");
	}

	@Test
	void aMailsCourtesiesNamesAndListMarkersAreNoTerms() {
		// a ticket's subject and body, as the support desk hands them over: a line break and a bracket between nouns
		List<String> terms = plain.extract("""
				ログインできません（㈱本社アカウント）
				お世話になっております。株式会社アクメの佐藤です。
				①請求書の再発行をお願いします。その方法が必要です。""", "ja");
		assertThat(terms).contains("ログインできない", "本社アカウント", "アクメ", "請求書", "再発行")
			.doesNotContain("株本社アカウントお世話", "本社アカウントお世話", "お世話", "佐藤", "1請求書", "株式会社アクメ",
					"方法", "必要");
		// a number the customer typed stays part of the word
		assertThat(plain.extract("2段階認証が使えません", "ja")).contains("2段階認証");
	}

	@Test
	void englishNounPhrases() {
		assertThat(plain.extract("The invoice download page is broken again.", "en")).contains("invoice download page");
		assertThat(plain.extract("Please enable two-factor authentication for our admins.", "en"))
			.contains("two-factor authentication");
		assertThat(plain.extract("Since the release we can't log in at all", "en")).contains("can't log in");
		assertThat(plain.extract("We cannot log in since Monday", "en")).contains("can't log in");
	}

	@Test
	void synonymsFoldIntoOneTerm() {
		Terms terms = new Terms(new TextSettings(List.of(), List.of("ログイン = サインイン, ログオン", "log in = sign in"), List.of()));
		assertThat(terms.extract("サインインできない", "ja")).contains("ログインできない").doesNotContain("サインインできない");
		assertThat(terms.extract("ログオンの画面", "ja")).contains("ログイン");
		assertThat(terms.extract("I can't sign in today", "en")).contains("can't log in");
	}

	@Test
	void productNamesStayOneToken() {
		assertThat(plain.morphemes(TextAnalysis.normalize("キズナ分析ボードの表示が遅い")).get(0).surface())
			.isNotEqualTo("キズナ分析ボード");
		Terms terms = new Terms(new TextSettings(List.of(), List.of(), List.of("キズナ分析ボード")));
		assertThat(terms.morphemes(TextAnalysis.normalize("キズナ分析ボードの表示が遅い")).get(0).surface())
			.isEqualTo("キズナ分析ボード");
	}

	@Test
	void workspaceStopWordsAreLeftOut() {
		Terms terms = new Terms(new TextSettings(List.of("画面"), List.of(), List.of()));
		assertThat(terms.extract("画面が真っ白です", "ja")).doesNotContain("画面");
	}
}
