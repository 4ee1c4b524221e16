package io.kizuna.health;

import io.kizuna.shared.InvalidInputException;

/** Filters of the at-risk worklist; null means any. */
public record AtRiskQuery(Long ownerUserId, String tier, String band, SignalKind signal, Integer renewalWithinDays,
		Long segmentId, int page, int size) {

	public AtRiskQuery(Long ownerUserId, String tier, String band, SignalKind signal, Integer renewalWithinDays,
			int page, int size) {
		this(ownerUserId, tier, band, signal, renewalWithinDays, null, page, size);
	}

	public AtRiskQuery {
		if (page < 0 || size < 1 || size > 500) {
			throw new InvalidInputException("page ≥ 0 and size between 1 and 500");
		}
		if (band != null && !java.util.Set.of("red", "yellow", "green").contains(band)) {
			throw new InvalidInputException("band: red, yellow or green");
		}
		if (renewalWithinDays != null && (renewalWithinDays < 0 || renewalWithinDays > 3650)) {
			throw new InvalidInputException("renewalWithinDays: between 0 and 3650");
		}
	}
}
