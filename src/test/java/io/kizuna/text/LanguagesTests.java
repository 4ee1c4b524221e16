package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A hand-labelled set: Japanese (with and without kana), English, a third language, nothing to read. */
class LanguagesTests {

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

	@Test
	void theShortcutForPlainEnglishTakesNoOtherLanguage() {
		assertThat(Languages.plainlyEnglish("The export button does nothing and our team can't finish the report"))
			.isTrue();
		assertThat(Languages.plainlyEnglish("We have been waiting since Monday for an answer from your support"))
			.isTrue();
		for (String other : java.util.List.of("Nous ne pouvons plus nous connecter depuis la mise a jour de la plateforme",
				"Wir konnen uns seit dem Update nicht mehr anmelden und die Berichte fehlen",
				"No puedo iniciar sesion en la cuenta desde la actualizacion de ayer",
				"We kunnen niet meer inloggen sinds de update van gisteren en de rapporten ontbreken",
				"Non riesco ad accedere al mio account dopo l'aggiornamento di ieri sera",
				"Não consigo entrar na conta desde a atualização")) {
			assertThat(Languages.plainlyEnglish(other)).as(other).isFalse();
			assertThat(Languages.detect(other)).as(other).isEqualTo("other");
		}
	}
}
