package io.kizuna.health;

import java.util.List;
import java.util.Map;

/**
 * What a scorecard change would do today, before it is saved: the live accounts per band with the scorecards as they
 * are and with the change, and the accounts that would move to another band.
 *
 * @param before live accounts per band code ({@code red}, {@code yellow}, {@code green}, {@code none}) today
 * @param after the same with the change
 * @param changed how many accounts would change band
 * @param shown the {@code changed} accounts with the largest score moves first, at most {@link #SHOWN}
 */
public record ScorecardPreview(Map<String, Integer> before, Map<String, Integer> after, int changed,
		List<BandChange> shown) {

	public static final int SHOWN = 50;

	/** The change of one band: after minus before. */
	public int delta(String band) {
		return after.getOrDefault(band, 0) - before.getOrDefault(band, 0);
	}

	/** An account that would change band; scores are null when it has no data. */
	public record BandChange(String externalId, String name, String bandBefore, String bandAfter, Double scoreBefore,
			Double scoreAfter) {
	}
}
