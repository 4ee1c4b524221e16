package io.kizuna.text;

import java.util.Optional;

/**
 * The rising-issue test (ADR 0114) on one term's daily counts: the last {@link #RECENT_DAYS} days against the
 * {@link #BASELINE_DAYS} before them. A term rises when its recent count is at least {@link #MIN_TEXTS}, at least
 * three times its usual week, and more than four Poisson standard deviations above it (the usual week floored at one
 * text, so a term from nowhere needs a real count, not one mention).
 */
final class RisingDetector {

	static final int RECENT_DAYS = 7;

	static final int BASELINE_DAYS = 49;

	static final int MIN_TEXTS = 5;

	record Rise(int recent, double usual) {
	}

	private RisingDetector() {
	}

	/** @param daily counts oldest first, the last {@link #RECENT_DAYS} being the recent window */
	static Optional<Rise> detect(int[] daily) {
		if (daily.length < RECENT_DAYS + 7) {
			return Optional.empty();
		}
		int recent = 0;
		for (int i = daily.length - RECENT_DAYS; i < daily.length; i++) {
			recent += daily[i];
		}
		int baselineDays = daily.length - RECENT_DAYS;
		long baseline = 0;
		for (int i = 0; i < baselineDays; i++) {
			baseline += daily[i];
		}
		double usual = baseline * (double) RECENT_DAYS / baselineDays;
		double floor = Math.max(usual, 1.0);
		double z = (recent - floor) / Math.sqrt(floor);
		if (recent >= MIN_TEXTS && recent >= 3 * floor && z > 4) {
			return Optional.of(new Rise(recent, Math.round(usual * 10) / 10.0));
		}
		return Optional.empty();
	}
}
