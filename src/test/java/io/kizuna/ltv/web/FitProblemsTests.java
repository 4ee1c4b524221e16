package io.kizuna.ltv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The LTV page says why a model could not be fitted in Japanese on a Japanese page, not in the models' English. */
class FitProblemsTests {

	/** What the models and LifetimeValues throw today (the page sees exactly these texts). */
	static final List<String> REASONS = List.of("sBG needs the cohort size and at least two further periods",
			"active customers must not grow from one period to the next (period 3)",
			"sBG needs at least 10 subscriptions observed for a period or more",
			"sBG needs at least one ended subscription (none has churned yet)",
			"BG/NBD needs at least 10 customers, some with repeat purchases",
			"Gamma-Gamma needs at least 10 customers with repeat purchases of positive value (7 have)",
			"Gamma-Gamma: q ≤ 1, the mean spend is unbounded; more repeat buyers are needed",
			"the transaction log is empty", "the transaction log is empty up to 2026-11-01",
			"no purchases in JPY up to 2026-11-01", "no paid subscription started on plan Pro",
			"BG/NBD: the fit did not converge within 100,000 evaluations",
			"sBG: the data cannot support a fit (log-likelihood not finite)");

	final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	FitProblemsTests() {
		messages.setBasename("i18n/ltv/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
	}

	@Test
	void everyKnownReasonReadsInJapaneseWithItsFiguresKept() {
		FitProblems ja = new FitProblems(messages, Locale.JAPANESE);
		for (String reason : REASONS) {
			String text = ja.text(reason);
			assertThat(text).as(reason).isNotEqualTo(reason);
			assertThat(text.replaceAll("BG/NBD|sBG|JPY|Pro", "")).as(reason).doesNotContainPattern("[A-Za-z]{2,}");
		}
		assertThat(ja.text("active customers must not grow from one period to the next (period 3)")).contains("期間 3");
		assertThat(ja.text("no paid subscription started on plan Pro")).contains("「Pro」");
	}

	@Test
	void englishReadsAsASentenceAndAnUnknownReasonIsShownAsItCame() {
		FitProblems en = new FitProblems(messages, Locale.ENGLISH);
		assertThat(en.text("no purchases in EUR up to 2026-11-01")).isEqualTo("no purchases in EUR");
		assertThat(en.text("something new")).isEqualTo("something new");
		assertThat(en.text(null)).isNull();
	}
}
