package io.kizuna.calendars;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Business time on one calendar, pure arithmetic (ADR 0095): the open spans of a day are its weekday's opening
 * intervals placed in the calendar's zone on that date, unless the day is closed (a holiday when the calendar keeps
 * Japanese holidays, or a closure). Lengths are real elapsed time between instants, so a day with a DST change is
 * as long as it really is; a wall-clock time that does not exist on that day (a spring-forward gap) moves forward by
 * the gap's length, an ambiguous one (fall-back) takes the earlier offset — {@link ZonedDateTime#of}'s rules.
 * Times are counted in whole seconds. Instances are immutable apart from a cache of open spans per day, and safe to
 * share between threads.
 */
public final class BusinessCalendar {

	/** How far {@link #add} looks for open time before it gives up: ten years. */
	static final int MAX_DAYS = 3660;

	private static final long[] CLOSED = new long[0];

	private final ZoneId zone;

	private final Map<DayOfWeek, List<OpeningInterval>> hours;

	private final Predicate<LocalDate> closed;

	private final Map<LocalDate, long[]> spans = new ConcurrentHashMap<>();

	private BusinessCalendar(ZoneId zone, List<OpeningInterval> intervals, Predicate<LocalDate> closed) {
		this.zone = Objects.requireNonNull(zone, "zone");
		this.closed = closed;
		EnumMap<DayOfWeek, List<OpeningInterval>> byDay = new EnumMap<>(DayOfWeek.class);
		for (OpeningInterval i : intervals) {
			byDay.computeIfAbsent(i.day(), d -> new ArrayList<>()).add(i);
		}
		byDay.values().forEach(l -> l.sort(Comparator.comparing(OpeningInterval::opens)));
		this.hours = byDay;
		if (intervals.isEmpty()) {
			throw new IllegalArgumentException("a business calendar has at least one opening interval");
		}
	}

	/**
	 * A calendar open during {@code intervals} (overlapping ones are merged) in {@code zone}, closed on Japanese public
	 * holidays when {@code japaneseHolidays}, and on every day a closure covers.
	 */
	public static BusinessCalendar of(ZoneId zone, List<OpeningInterval> intervals, boolean japaneseHolidays,
			List<Closure> closures) {
		List<Closure> days = List.copyOf(closures);
		Predicate<LocalDate> closed = d -> (japaneseHolidays && JapaneseHolidays.isHoliday(d))
				|| days.stream().anyMatch(c -> c.covers(d));
		return new BusinessCalendar(zone, List.copyOf(intervals), closed);
	}

	/** Open every minute of every day, holidays included (24/7). */
	public static BusinessCalendar alwaysOpen(ZoneId zone) {
		List<OpeningInterval> all = new ArrayList<>();
		for (DayOfWeek d : DayOfWeek.values()) {
			all.add(new OpeningInterval(d, java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MIDNIGHT));
		}
		return new BusinessCalendar(zone, all, d -> false);
	}

	public ZoneId zone() {
		return zone;
	}

	/** Whether the calendar is closed all day on {@code day} (holiday or closure), whatever its weekday's hours. */
	public boolean isClosedDay(LocalDate day) {
		return closed.test(day);
	}

	/** The open spans of a day as [start, end) instants, in order. */
	public List<Interval> openOn(LocalDate day) {
		long[] s = spansOf(day);
		List<Interval> result = new ArrayList<>(s.length / 2);
		for (int i = 0; i < s.length; i += 2) {
			result.add(new Interval(Instant.ofEpochSecond(s[i]), Instant.ofEpochSecond(s[i + 1])));
		}
		return result;
	}

	/** Whether {@code at} falls in open time. */
	public boolean isOpen(Instant at) {
		long t = at.getEpochSecond();
		long[] s = spansOf(at.atZone(zone).toLocalDate());
		for (int i = 0; i < s.length; i += 2) {
			if (t >= s[i] && t < s[i + 1]) {
				return true;
			}
		}
		return false;
	}

	/** Business time between two instants (zero when {@code to} is not after {@code from}). */
	public Duration between(Instant from, Instant to) {
		return between(from, to, List.of());
	}

	/** Business time between two instants, leaving out the pauses. */
	public Duration between(Instant from, Instant to, List<Interval> pauses) {
		return Duration.ofSeconds(secondsBetween(from.getEpochSecond(), to.getEpochSecond(), merged(pauses)));
	}

	/** The instant when {@code amount} of business time has passed since {@code from}. */
	public Instant add(Instant from, Duration amount) {
		return add(from, amount, List.of());
	}

	/**
	 * The instant when {@code amount} of business time has passed since {@code from}, not counting the pauses. Adding
	 * zero gives {@code from} itself; otherwise the result is the end of the last business second counted, so it always
	 * lies in (or at the end of) open time.
	 *
	 * @throws IllegalStateException when the calendar has not that much open time in the next ten years
	 */
	public Instant add(Instant from, Duration amount, List<Interval> pauses) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("business time to add is not negative: " + amount);
		}
		return Instant.ofEpochSecond(addSeconds(from.getEpochSecond(), amount.getSeconds(), merged(pauses)));
	}

	long addSeconds(long from, long seconds, long[] pauses) {
		if (seconds == 0) {
			return from;
		}
		long left = seconds;
		LocalDate day = Instant.ofEpochSecond(from).atZone(zone).toLocalDate().minusDays(1);
		for (int n = 0; n < MAX_DAYS; n++, day = day.plusDays(1)) {
			long[] s = spansOf(day);
			for (int i = 0; i < s.length; i += 2) {
				long start = Math.max(s[i], from);
				long end = s[i + 1];
				if (start >= end) {
					continue;
				}
				// walk the span, skipping the pauses inside it
				long cursor = start;
				for (int p = 0; p < pauses.length && cursor < end; p += 2) {
					if (pauses[p + 1] <= cursor) {
						continue;
					}
					if (pauses[p] >= end) {
						break;
					}
					long open = Math.min(pauses[p], end) - cursor;
					if (open > 0) {
						if (open >= left) {
							return cursor + left;
						}
						left -= open;
					}
					cursor = Math.max(cursor, pauses[p + 1]);
				}
				if (cursor < end) {
					long open = end - cursor;
					if (open >= left) {
						return cursor + left;
					}
					left -= open;
				}
			}
		}
		throw new IllegalStateException("the calendar has less than " + seconds + " s of open time in ten years");
	}

	long secondsBetween(long from, long to, long[] pauses) {
		if (to <= from) {
			return 0;
		}
		long total = 0;
		LocalDate day = Instant.ofEpochSecond(from).atZone(zone).toLocalDate().minusDays(1);
		LocalDate last = Instant.ofEpochSecond(to).atZone(zone).toLocalDate();
		for (; !day.isAfter(last); day = day.plusDays(1)) {
			long[] s = spansOf(day);
			for (int i = 0; i < s.length; i += 2) {
				long start = Math.max(s[i], from);
				long end = Math.min(s[i + 1], to);
				if (start < end) {
					total += (end - start) - overlap(start, end, pauses);
				}
			}
		}
		return total;
	}

	private static long overlap(long start, long end, long[] pauses) {
		long covered = 0;
		for (int p = 0; p < pauses.length; p += 2) {
			if (pauses[p] >= end) {
				break;
			}
			long a = Math.max(start, pauses[p]);
			long b = Math.min(end, pauses[p + 1]);
			if (a < b) {
				covered += b - a;
			}
		}
		return covered;
	}

	/** Pauses sorted and merged into [start, end) pairs of epoch seconds. */
	static long[] merged(List<Interval> pauses) {
		if (pauses.isEmpty()) {
			return CLOSED;
		}
		List<Interval> sorted = new ArrayList<>(pauses);
		sorted.sort(Comparator.comparing(Interval::start));
		long[] out = new long[sorted.size() * 2];
		int n = 0;
		for (Interval p : sorted) {
			long a = p.start().getEpochSecond();
			long b = p.end().getEpochSecond();
			if (a >= b) {
				continue;
			}
			if (n > 0 && a <= out[n - 1]) {
				out[n - 1] = Math.max(out[n - 1], b);
			}
			else {
				out[n++] = a;
				out[n++] = b;
			}
		}
		return java.util.Arrays.copyOf(out, n);
	}

	private long[] spansOf(LocalDate day) {
		long[] cached = spans.get(day);
		if (cached != null) {
			return cached;
		}
		long[] computed = computeSpans(day);
		if (spans.size() < 40_000) {
			spans.put(day, computed);
		}
		return computed;
	}

	private long[] computeSpans(LocalDate day) {
		List<OpeningInterval> intervals = hours.get(day.getDayOfWeek());
		if (intervals == null || closed.test(day)) {
			return CLOSED;
		}
		long[] out = new long[intervals.size() * 2];
		int n = 0;
		for (OpeningInterval i : intervals) {
			long a = ZonedDateTime.of(day, i.opens(), zone).toEpochSecond();
			long b = OpeningInterval.endOfDay(i.closes()) ? day.plusDays(1).atStartOfDay(zone).toEpochSecond()
					: ZonedDateTime.of(day, i.closes(), zone).toEpochSecond();
			if (a >= b) {
				continue; // an interval swallowed by a DST gap
			}
			if (n > 0 && a <= out[n - 1]) {
				out[n - 1] = Math.max(out[n - 1], b);
			}
			else {
				out[n++] = a;
				out[n++] = b;
			}
		}
		return n == out.length ? out : java.util.Arrays.copyOf(out, n);
	}
}
