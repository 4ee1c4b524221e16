package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-labelled ja and en sentences, negation first. */
class SentimentsTests {

	private final Terms terms = new Terms(TextSettings.NONE);

	private Sentiments.Result ja(String text) {
		return Sentiments.analyse(terms, text, "ja");
	}

	private Sentiments.Result en(String text) {
		return Sentiments.analyse(terms, text, "en");
	}

	@Test
	void japaneseNegationFlips() {
		assertThat(ja("この画面は使いやすい").label()).isEqualTo("positive");
		Sentiments.Result negated = ja("この画面は使いやすくない");
		assertThat(negated.label()).isEqualTo("negative");
		assertThat(negated.reasons()).anyMatch(r -> r.contains("使いやすくない"));
		assertThat(ja("昨日からログインできない").label()).isEqualTo("negative");
		assertThat(ja("特に問題はなく満足しています").label()).isEqualTo("positive");
	}

	@Test
	void japanesePlainSentences() {
		assertThat(ja("サポートがとても丁寧で助かりました").label()).isEqualTo("positive");
		assertThat(ja("動作が遅くて困っています").label()).isEqualTo("negative");
		assertThat(ja("来週の打ち合わせの日程を送ります").label()).isEqualTo("neutral");
	}

	@Test
	void aRequestForAChangeIsAComplaint() {
		Sentiments.Result request = ja("請求書の画面を改善してほしい");
		assertThat(request.label()).isEqualTo("negative");
		assertThat(request.reasons()).anyMatch(r -> r.contains("改善") && r.contains("ほしい"));
		assertThat(ja("請求書の画面が改善されて助かります").label()).isEqualTo("positive");
	}

	@Test
	void englishNegationFlips() {
		assertThat(en("The new dashboard is really helpful").label()).isEqualTo("positive");
		Sentiments.Result negated = en("The new dashboard is not helpful");
		assertThat(negated.label()).isEqualTo("negative");
		assertThat(negated.reasons()).anyMatch(r -> r.contains("not helpful"));
		assertThat(en("We can't log in since the release").label()).isEqualTo("negative");
		assertThat(en("Sending the agenda for next week").label()).isEqualTo("neutral");
	}

	@Test
	void scoresStayInRange() {
		Sentiments.Result r = en("great great great great great great great great great great");
		assertThat(r.score()).isBetween(-1.0, 1.0).isGreaterThan(0.9);
	}
}
