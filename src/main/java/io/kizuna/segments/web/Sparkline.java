package io.kizuna.segments.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.segments.SegmentSize;

/**
 * A segment's size over the last days as SVG polyline points (100 × 24 box): drawn on the server, no script. A day
 * without an evaluation carries the size of the day before.
 */
final class Sparkline {

	private Sparkline() {
	}

	static String points(List<SegmentSize> sizes, LocalDate from, int days) {
		if (sizes.isEmpty()) {
			return "";
		}
		Map<LocalDate, Integer> byDay = new HashMap<>();
		sizes.forEach(s -> byDay.put(s.day(), s.members()));
		int[] values = new int[days];
		Integer last = null;
		int first = -1;
		for (int i = 0; i < days; i++) {
			Integer v = byDay.get(from.plusDays(i));
			last = v != null ? v : last;
			values[i] = last == null ? 0 : last;
			first = first < 0 && last != null ? i : first;
		}
		int max = 1;
		for (int v : values) {
			max = Math.max(max, v);
		}
		StringBuilder out = new StringBuilder();
		// the line starts on the first day the segment was evaluated; with one day only, a flat stroke on it
		if (first == days - 1 && days > 1) {
			first = days - 2;
			values[first] = values[days - 1];
		}
		for (int i = Math.max(first, 0); i < days; i++) {
			double x = days == 1 ? 0 : 100.0 * i / (days - 1);
			double y = 22 - 20.0 * values[i] / max;
			out.append(out.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.1f,%.1f", x, y));
		}
		return out.toString();
	}
}
