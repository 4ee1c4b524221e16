package io.kizuna.health;

import java.util.Set;

import io.kizuna.shared.InvalidInputException;

/**
 * Filters and order of the accounts list; null means any. {@code text} matches name, domain or external id;
 * {@code renewalWithinDays} keeps live accounts renewing within that many days of the last scoring run; {@code touch}
 * (high, mid, tech) the accounts the touch model last placed at that level, an account not yet placed being tech-touch.
 */
public record AccountListQuery(String text, String tier, String lifecycleStage, Long ownerUserId, String band,
		SignalKind signal, Integer renewalWithinDays, Long segmentId, String touch, Sort sort, boolean descending,
		int page, int size) {

	public static final Set<String> TOUCH_LEVELS = Set.of("high", "mid", "tech");

	public AccountListQuery(String text, String tier, String lifecycleStage, Long ownerUserId, String band,
			SignalKind signal, Integer renewalWithinDays, Long segmentId, Sort sort, boolean descending, int page,
			int size) {
		this(text, tier, lifecycleStage, ownerUserId, band, signal, renewalWithinDays, segmentId, null, sort, descending,
				page, size);
	}

	public AccountListQuery(String text, String tier, String lifecycleStage, Long ownerUserId, String band,
			SignalKind signal, Integer renewalWithinDays, Sort sort, boolean descending, int page, int size) {
		this(text, tier, lifecycleStage, ownerUserId, band, signal, renewalWithinDays, null, null, sort, descending, page,
				size);
	}

	/** Totals are exact up to this many matches; a page's total above it means "more than COUNT_CAP". */
	public static final int COUNT_CAP = 10_000;

	public AccountListQuery {
		if (page < 0 || page > 100_000 || size < 1 || size > 500) {
			throw new InvalidInputException("page between 0 and 100000, size between 1 and 500");
		}
		if (text != null && text.length() > 200) {
			throw new InvalidInputException("q: at most 200 characters");
		}
		if (band != null && !Set.of("red", "yellow", "green").contains(band)) {
			throw new InvalidInputException("band: red, yellow or green");
		}
		if (touch != null && !TOUCH_LEVELS.contains(touch)) {
			throw new InvalidInputException("touch: high, mid or tech");
		}
		if (renewalWithinDays != null && (renewalWithinDays < 0 || renewalWithinDays > 3650)) {
			throw new InvalidInputException("renewalWithinDays: between 0 and 3650");
		}
		if (sort == null) {
			sort = Sort.NAME;
		}
	}

	/** The sort keys there are: each maps to a fixed ORDER BY, never to text from the request. */
	public enum Sort {

		NAME("name", "a.name", false), SCORE("score", "s.score", true), ARR("arr", "s.arr_minor", true),
		RENEWAL("renewal", "s.next_renewal_on", true), ACTIVITY("activity", "s.last_active_on", true);

		private final String code;

		private final String column;

		private final boolean status;

		Sort(String code, String column, boolean status) {
			this.code = code;
			this.column = column;
			this.status = status;
		}

		public String code() {
			return code;
		}

		String column() {
			return column;
		}

		/** Whether the key comes from the scoring read model rather than the account itself. */
		boolean fromStatus() {
			return status;
		}

		/** The sort with this code, or null when there is none. */
		public static Sort fromCode(String code) {
			for (Sort sort : values()) {
				if (sort.code.equals(code)) {
					return sort;
				}
			}
			return null;
		}
	}
}
