package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A hand-labelled set: Japanese (with and without kana), English, a third language, nothing to read. */
class LanguagesTest {

	@Test
	void detectsJapaneseEnglishAndOthers() {
		assertThat(Languages.detect("請求書の再発行をお願いします")).isEqualTo("ja");
		assertThat(Languages.detect("ＣＳＶエクスポートが失敗します")).isEqualTo("ja");
		assertThat(Languages.detect("We can't log in since yesterday's release")).isEqualTo("en");
		assertThat(Languages.detect("The export button does nothing")).isEqualTo("en");
		assertThat(Languages.detect("Nous ne pouvons plus nous connecter depuis la mise à jour")).isEqualTo("other");
		assertThat(Languages.detect("Wir können uns seit dem Update nicht mehr anmelden")).isEqualTo("other");
		assertThat(Languages.detect("我们从昨天开始无法登录系统了")).isEqualTo("other");
		assertThat(Languages.detect("🙂🙂 123 !!!")).isNull();
	}

	@Test
	void mixedScriptsFollowTheJapanese() {
		assertThat(Languages.detect("Salesforce連携でエラーが出ます (error 500)")).isEqualTo("ja");
	}
}
