package io.kizuna.ltv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * RFM segmentation of a transaction log: recency (days since the last purchase), frequency (purchase days) and
 * monetary value (total spend), each scored 1–5 by quintile of rank (5 = most recent, most frequent, highest
 * spend; ties broken by customer id so the result is reproducible), and a named segment from R and F.
 */
public final class Rfm {

	private Rfm() {
	}

	public record Customer(String customerId, long recencyDays, int frequency, BigDecimal monetary, int r, int f, int m,
			Segment segment) {
	}

	/** The usual RFM segment map, by recency and frequency score. */
	public enum Segment {

		CHAMPIONS, LOYAL, POTENTIAL_LOYALIST, NEW, PROMISING, NEED_ATTENTION, ABOUT_TO_SLEEP, AT_RISK, CANT_LOSE_THEM,
		HIBERNATING, LOST;

		/** Its code in the API: lower snake case, as every code there (ADR 0047). */
		@JsonValue
		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Segment of(int r, int f) {
			if (r >= 4 && f >= 4) {
				return CHAMPIONS;
			}
			if (r >= 3 && f >= 3) {
				return r == 3 && f == 3 ? NEED_ATTENTION : LOYAL;
			}
			if (r >= 4 && f >= 2) {
				return POTENTIAL_LOYALIST;
			}
			if (r == 5) {
				return NEW;
			}
			if (r == 4) {
				return PROMISING;
			}
			if (r == 3) {
				return ABOUT_TO_SLEEP;
			}
			if (f == 5) {
				return CANT_LOSE_THEM;
			}
			if (f >= 3) {
				return AT_RISK;
			}
			return r == 2 ? HIBERNATING : LOST;
		}
	}

	/** Scores every customer with a purchase on or before {@code asOf}; purchases on one day are one purchase. */
	public static List<Customer> segment(List<Transaction> transactions, LocalDate asOf) {
		Map<String, TreeMap<LocalDate, BigDecimal>> byCustomer = new TreeMap<>();
		for (Transaction t : transactions) {
			if (!t.date().isAfter(asOf)) {
				byCustomer.computeIfAbsent(t.customerId(), id -> new TreeMap<>()).merge(t.date(), t.amount(), BigDecimal::add);
			}
		}
		List<String> ids = new ArrayList<>(byCustomer.keySet());
		Map<String, Long> recency = new HashMap<>();
		Map<String, Integer> frequency = new HashMap<>();
		Map<String, BigDecimal> monetary = new HashMap<>();
		byCustomer.forEach((id, days) -> {
			recency.put(id, ChronoUnit.DAYS.between(days.lastKey(), asOf));
			frequency.put(id, days.size());
			monetary.put(id, days.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
		});
		Map<String, Integer> r = quintiles(ids, id -> -recency.get(id));
		Map<String, Integer> f = quintiles(ids, id -> frequency.get(id));
		Map<String, Integer> m = quintiles(ids, id -> monetary.get(id).doubleValue());
		List<Customer> customers = new ArrayList<>(ids.size());
		for (String id : ids) {
			customers.add(new Customer(id, recency.get(id), frequency.get(id), monetary.get(id), r.get(id), f.get(id),
					m.get(id), Segment.of(r.get(id), f.get(id))));
		}
		return customers;
	}

	/** 1 for the lowest fifth of values, 5 for the highest; equal values share the score of their first rank. */
	private static Map<String, Integer> quintiles(List<String> ids, ToDoubleFunction<String> value) {
		List<String> sorted = new ArrayList<>(ids);
		sorted.sort(Comparator.comparingDouble(value).thenComparing(Comparator.naturalOrder()));
		Map<String, Integer> scores = new HashMap<>();
		int n = sorted.size();
		int start = 0;
		while (start < n) {
			int end = start;
			double v = value.applyAsDouble(sorted.get(start));
			while (end + 1 < n && value.applyAsDouble(sorted.get(end + 1)) == v) {
				end++;
			}
			int score = 1 + (int) Math.min(4, (long) start * 5 / n);
			for (int i = start; i <= end; i++) {
				scores.put(sorted.get(i), score);
			}
			start = end + 1;
		}
		return scores;
	}
}
