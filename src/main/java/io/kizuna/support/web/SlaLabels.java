package io.kizuna.support.web;

import java.time.Instant;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Durations as an agent reads them, in the page's language: "2時間15分" / "2 h 15 min", "3日4時間" / "3 d 4 h".
 * The templates call it as {@code @supportSlaLabels}.
 */
@Component("supportSlaLabels")
public class SlaLabels {

	private final MessageSource messages;

	SlaLabels(MessageSource messages) {
		this.messages = messages;
	}

	/** A length of time, whole minutes, never negative (callers say "overdue" themselves). */
	public String duration(Long seconds) {
		if (seconds == null) {
			return "—";
		}
		long minutes = Math.abs(seconds) / 60;
		Locale locale = LocaleContextHolder.getLocale();
		long days = minutes / 1440;
		long hours = minutes % 1440 / 60;
		long mins = minutes % 60;
		if (days > 0) {
			return messages.getMessage("support.sla.duration.dh", new Object[] { days, hours }, locale);
		}
		if (hours > 0) {
			return messages.getMessage("support.sla.duration.hm", new Object[] { hours, mins }, locale);
		}
		return messages.getMessage("support.sla.duration.m", new Object[] { mins }, locale);
	}

	/** Wall-clock time left until {@code due}: "あと2時間15分" / "2 h 15 min left", or "1時間超過" / "1 h overdue". */
	public String left(Instant due) {
		if (due == null) {
			return "—";
		}
		long seconds = due.getEpochSecond() - Instant.now().getEpochSecond();
		String key = seconds >= 0 ? "support.sla.left" : "support.sla.overdue";
		return messages.getMessage(key, new Object[] { duration(seconds) }, LocaleContextHolder.getLocale());
	}

	/** Business time left on a running clock, from its remaining seconds. */
	public String businessLeft(long remainingSeconds) {
		String key = remainingSeconds >= 0 ? "support.sla.businessLeft" : "support.sla.overdue";
		return messages.getMessage(key, new Object[] { duration(remainingSeconds) }, LocaleContextHolder.getLocale());
	}

	/** A share 0–1 as a whole percentage in the page's locale, or a dash. */
	public String percent(Double share) {
		if (share == null) {
			return "—";
		}
		return java.text.NumberFormat.getPercentInstance(LocaleContextHolder.getLocale()).format(share);
	}

	/** Minutes as a duration, or a dash. */
	public String minutes(Double minutes) {
		return minutes == null ? "—" : duration(Math.round(minutes * 60));
	}
}
