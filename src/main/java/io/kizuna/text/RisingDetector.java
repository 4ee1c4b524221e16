package io.kizuna.text;

import java.util.List;
import java.util.Optional;

/**
 * The rising-issue test (ADRs 0114, 0133) on one term's daily counts: the last {@link #RECENT_DAYS} days against the
 * {@link #BASELINE_DAYS} before them. The usual week is the term's count before, scaled to how much else was written
 * this week against before (the texts without the term: a survey campaign that doubles every answer doubles no
 * term's share, while a flood of tickets about one thing still stands out). A term rises when its recent count is at
 * least {@link #MIN_TEXTS}, at least three times its usual week, and more than four Poisson standard deviations above
 * it (the usual week floored at one text, so a term from nowhere needs a real count, not one mention).
 * <p>
 * Only sources with history count ({@link #hasHistory}): a mailbox connected this week makes every word of it new.
 */
final class RisingDetector {

	static final int RECENT_DAYS = 7;

	static final int BASELINE_DAYS = 49;

	static final int MIN_TEXTS = 5;

	/** Weeks of the baseline in which a source must have texts before its terms can rise. */
	static final int MIN_BASELINE_WEEKS = 4;

	/** Below this many other texts before, their ratio is noise and the term's own usual week is used. */
	static final int MIN_OTHER_TEXTS = 20;

	record Rise(int recent, double usual, double z) {
	}

	private RisingDetector() {
	}

	/** @param daily counts oldest first, the last {@link #RECENT_DAYS} being the recent window */
	static Optional<Rise> detect(int[] daily) {
		return detect(daily, null);
	}

	/**
	 * @param daily the term's texts a day, oldest first, the last {@link #RECENT_DAYS} being the recent window
	 * @param volume all texts a day over the same days (null: the term's own usual week only)
	 */
	static Optional<Rise> detect(int[] daily, int[] volume) {
		return detect(List.of(daily), volume == null ? null : List.of(volume));
	}

	/**
	 * The test over several sources: each source's usual week for the term is scaled by that source's own volume (a
	 * survey campaign raises no ticket's term), and the sums are tested.
	 *
	 * @param dailyBySource the term's texts a day in each source, oldest first
	 * @param volumeBySource all texts a day of the same sources, in the same order (null: no scaling)
	 */
	static Optional<Rise> detect(List<int[]> dailyBySource, List<int[]> volumeBySource) {
		long recent = 0;
		double usual = 0;
		for (int s = 0; s < dailyBySource.size(); s++) {
			int[] daily = dailyBySource.get(s);
			int[] volume = volumeBySource == null ? null : volumeBySource.get(s);
			if (daily.length < RECENT_DAYS + 7 || volume != null && volume.length != daily.length) {
				return Optional.empty();
			}
			int baselineDays = daily.length - RECENT_DAYS;
			long recentHere = sum(daily, baselineDays, daily.length);
			long baseline = sum(daily, 0, baselineDays);
			double usualHere = baseline * (double) RECENT_DAYS / baselineDays;
			if (volume != null) {
				long othersBefore = sum(volume, 0, baselineDays) - baseline;
				long othersNow = Math.max(0, sum(volume, baselineDays, volume.length) - recentHere);
				if (othersBefore >= MIN_OTHER_TEXTS) {
					// a quiet week (a holiday) lowers the expectation, but not below half the usual week
					usualHere = Math.max(baseline * (double) othersNow / othersBefore, usualHere / 2);
				}
			}
			recent += recentHere;
			usual += usualHere;
		}
		double floor = Math.max(usual, 1.0);
		double z = (recent - floor) / Math.sqrt(floor);
		if (recent >= MIN_TEXTS && recent >= 3 * floor && z > 4) {
			return Optional.of(new Rise((int) recent, Math.round(usual * 10) / 10.0, z));
		}
		return Optional.empty();
	}

	/**
	 * Whether a source wrote enough before the recent window to have a usual level: texts in at least
	 * {@link #MIN_BASELINE_WEEKS} of the baseline's weeks.
	 *
	 * @param volume the source's texts a day, oldest first, over the baseline and the recent window
	 */
	static boolean hasHistory(int[] volume) {
		int baselineDays = volume.length - RECENT_DAYS;
		int weeks = 0;
		for (int end = baselineDays; end > 0; end -= 7) {
			if (sum(volume, Math.max(0, end - 7), end) > 0) {
				weeks++;
			}
		}
		return weeks >= MIN_BASELINE_WEEKS;
	}

	private static long sum(int[] counts, int from, int to) {
		long sum = 0;
		for (int i = from; i < to; i++) {
			sum += counts[i];
		}
		return sum;
	}
}
