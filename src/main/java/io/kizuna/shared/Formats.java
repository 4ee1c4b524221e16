package io.kizuna.shared;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Numbers, money and dates in the reader's locale, for templates as {@code @fmt}: ¥1,234,000 and 2026年11月23日 in
 * Japanese, ¥1,234,000 and Nov 23, 2026 in English. Every date, time and month on every page goes through here, so
 * each language has one style (docs/adr/0033).
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
		return DateTimeFormatter.ofPattern(datePattern(), locale()).format(date);
	}

	/** A moment as the workspace's clock shows it: 2026年12月1日 23:03, or Dec 1, 2026 23:03. */
	public String dateTime(java.time.Instant instant, java.time.ZoneId zone) {
		if (instant == null) {
			return "—";
		}
		return dateTime(instant.atZone(zone).toLocalDateTime());
	}

	/** The same with seconds (2026年12月1日 23:03:12), for a title beside the minute where order matters. */
	public String dateTimeSeconds(java.time.Instant instant, java.time.ZoneId zone) {
		if (instant == null) {
			return "—";
		}
		return DateTimeFormatter.ofPattern(datePattern() + " HH:mm:ss", locale()).format(instant.atZone(zone));
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

	/**
	 * A wall-clock time in the workspace's zone, in the one style of every page: 2026年11月23日 09:05, or
	 * Nov 23, 2026 09:05 (24-hour in both languages, so tables line up and nobody reads AM/PM).
	 */
	public String dateTime(java.time.LocalDateTime time) {
		if (time == null) {
			return "—";
		}
		return DateTimeFormatter.ofPattern(datePattern() + " HH:mm", locale()).format(time);
	}

	/** 2026年12月1日 or Dec 1, 2026: the date part every date and time on screen shares. */
	private static String datePattern() {
		return "ja".equals(locale().getLanguage()) ? "uuuu年M月d日" : "MMM d, uuuu";
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}
}
