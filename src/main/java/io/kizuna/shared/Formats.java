package io.kizuna.shared;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Numbers, money and dates in the reader's locale, for templates as {@code @fmt}: ¥1,234,000 and 2026年11月23日 in
 * Japanese, ¥1,234,000 and Nov 23, 2026 in English.
 */
@Component("fmt")
public class Formats {

	public String money(long minorUnits, String currencyCode) {
		Currency currency = Currency.getInstance(currencyCode == null ? "JPY" : currencyCode.trim());
		NumberFormat format = NumberFormat.getCurrencyInstance(locale());
		format.setCurrency(currency);
		int digits = Math.max(0, currency.getDefaultFractionDigits());
		format.setMaximumFractionDigits(digits);
		format.setMinimumFractionDigits(digits);
		return format.format(minorUnits / Math.pow(10, digits));
	}

	public String date(LocalDate date) {
		if (date == null) {
			return "—";
		}
		FormatStyle style = "ja".equals(locale().getLanguage()) ? FormatStyle.LONG : FormatStyle.MEDIUM;
		return DateTimeFormatter.ofLocalizedDate(style).withLocale(locale()).format(date);
	}

	/** A moment as the workspace's clock shows it. */
	public String dateTime(java.time.Instant instant, java.time.ZoneId zone) {
		if (instant == null) {
			return "—";
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone).format(instant);
	}

	/** 2026年11月 in Japanese, Nov 2026 in English. */
	public String month(java.time.YearMonth month) {
		if (month == null) {
			return "—";
		}
		String pattern = "ja".equals(locale().getLanguage()) ? "uuuu年M月" : "MMM uuuu";
		return DateTimeFormatter.ofPattern(pattern, locale()).format(month);
	}

	public String number(Number value) {
		if (value == null) {
			return "—";
		}
		NumberFormat format = NumberFormat.getNumberInstance(locale());
		format.setMaximumFractionDigits(1);
		return format.format(value);
	}

	public String percent(Double share) {
		if (share == null) {
			return "—";
		}
		NumberFormat format = NumberFormat.getPercentInstance(locale());
		format.setMaximumFractionDigits(1);
		return format.format(share);
	}

	/** A wall-clock time in the workspace's zone, e.g. 2026/11/23 9:05 or Nov 23, 2026, 9:05 AM. */
	public String dateTime(java.time.LocalDateTime time) {
		if (time == null) {
			return "—";
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale()).format(time);
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}
}
