package io.kizuna.health;

import java.text.NumberFormat;
import java.util.Locale;

import org.springframework.context.MessageSource;

/** Puts into words what moved an account's score most since a week ago. */
final class Explanations {

	private Explanations() {
	}

	static String sinceLastWeek(Snapshots.Snapshot now, Snapshots.Snapshot weekAgo, MessageSource messages,
			Locale locale) {
		if (now.score() == null) {
			return messages.getMessage("health.explain.none", null, locale);
		}
		if (weekAgo == null || weekAgo.score() == null) {
			return messages.getMessage("health.explain.first", new Object[] { format(now.score(), locale) }, locale);
		}
		String mover = null;
		double biggest = 0;
		for (MeasureResult m : now.measures()) {
			double before = weekAgo.measures()
				.stream()
				.filter(b -> b.measure().equals(m.measure()))
				.findFirst()
				.map(b -> b.contribution() == null ? 0.0 : b.contribution())
				.orElse(0.0);
			double delta = (m.contribution() == null ? 0 : m.contribution()) - before;
			if (Math.abs(delta) > Math.abs(biggest)) {
				biggest = delta;
				mover = m.measure();
			}
		}
		double change = now.score() - weekAgo.score();
		String measure = mover == null ? "" : messages.getMessage("measure." + mover, null, mover, locale);
		String key = Math.abs(change) < 0.5 ? "health.explain.flat" : change > 0 ? "health.explain.up" : "health.explain.down";
		return messages.getMessage(key, new Object[] { format(Math.abs(change), locale), measure,
				format(Math.abs(biggest), locale), format(now.score(), locale) }, locale);
	}

	private static String format(double value, Locale locale) {
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMaximumFractionDigits(1);
		return format.format(value);
	}
}
