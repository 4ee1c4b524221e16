package io.kizuna.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** One style per language for every date, time and month on every page (ADR 0033). */
class FormatsTests {

	final Formats formats = new Formats();

	@AfterEach
	void reset() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void japaneseDatesTimesAndMonths() {
		LocaleContextHolder.setLocale(Locale.JAPANESE);
		assertThat(formats.date(LocalDate.of(2026, 12, 1))).isEqualTo("2026年12月1日");
		assertThat(formats.dateTime(LocalDateTime.of(2026, 12, 1, 23, 3))).isEqualTo("2026年12月1日 23:03");
		assertThat(formats.dateTime(LocalDateTime.of(2026, 12, 1, 9, 5))).isEqualTo("2026年12月1日 09:05");
		assertThat(formats.month(YearMonth.of(2026, 7))).isEqualTo("2026年7月");
	}

	@Test
	void englishDatesTimesAndMonths() {
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(formats.date(LocalDate.of(2026, 12, 1))).isEqualTo("Dec 1, 2026");
		assertThat(formats.dateTime(LocalDateTime.of(2026, 12, 1, 23, 3))).isEqualTo("Dec 1, 2026 23:03");
		assertThat(formats.month(YearMonth.of(2026, 7))).isEqualTo("Jul 2026");
	}

	@Test
	void aMomentIsShownOnTheWorkspacesClockNeverAsIsoUtc() {
		LocaleContextHolder.setLocale(Locale.JAPANESE);
		Instant moment = Instant.parse("2026-12-01T14:08:11.382319Z");
		assertThat(formats.dateTime(moment, ZoneId.of("Asia/Tokyo"))).isEqualTo("2026年12月1日 23:08");
		assertThat(formats.dateTimeSeconds(moment, ZoneId.of("Asia/Tokyo"))).isEqualTo("2026年12月1日 23:08:11");
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(formats.dateTime(moment, ZoneId.of("America/New_York"))).isEqualTo("Dec 1, 2026 09:08");
		assertThat(formats.dateTime((Instant) null, ZoneId.of("UTC"))).isEqualTo("—");
	}
}
