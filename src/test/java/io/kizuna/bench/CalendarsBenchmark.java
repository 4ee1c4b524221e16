package io.kizuna.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.kizuna.calendars.BusinessCalendar;
import io.kizuna.calendars.Closure;
import io.kizuna.calendars.OpeningInterval;
import io.kizuna.calendars.SlaClock;
import io.kizuna.calendars.SlaEvaluation;
import io.kizuna.calendars.SlaTerms;
import io.kizuna.calendars.SlaTimeline;
import io.kizuna.calendars.SlaTimeline.Entry;
import io.kizuna.calendars.SlaTimeline.Status;

/**
 * SLA due times of N open tickets (default 100,000) recomputed after a calendar change: synthesised timelines (3–14
 * entries: status changes with pending and on-hold pauses, agent responses, customer messages, one ticket in ten
 * moved to another policy mid-way), created over the last 60 days, under three policies on three calendars
 * (weekdays 9–18 with holidays and 年末年始, 24/7, a lunch-break calendar). Each run builds the calendars anew (a
 * change empties their day caches) and evaluates every ticket, first on one thread, then on all cores.
 *
 * bench/run.sh calendars [tickets] [runs]
 */
public final class CalendarsBenchmark {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	public static void main(String[] args) {
		int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		Instant now = LocalDateTime.of(2026, 12, 2, 11, 0).atZone(TOKYO).toInstant();
		List<int[]> shapes = new ArrayList<>();
		Random random = new Random(16);
		List<SlaTimeline> timelines = new ArrayList<>(tickets);
		List<Integer> policyOf = new ArrayList<>(tickets);
		for (int i = 0; i < tickets; i++) {
			policyOf.add(random.nextInt(3));
			shapes.add(new int[] { random.nextInt(60 * 24 * 60), 1 + random.nextInt(12) });
		}
		long checksum = 0;
		List<Long> single = new ArrayList<>();
		List<Long> parallel = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			List<SlaTerms> terms = terms(run);
			timelines.clear();
			Random r = new Random(42);
			for (int i = 0; i < tickets; i++) {
				timelines.add(timeline(r, now, shapes.get(i), terms));
			}
			long t = System.nanoTime();
			long due = 0;
			for (int i = 0; i < tickets; i++) {
				SlaEvaluation e = SlaClock.evaluate(terms.get(policyOf.get(i)), timelines.get(i), now);
				due += e.nextDueAt() == null ? 0 : 1;
			}
			single.add((System.nanoTime() - t) / 1_000_000);
			checksum = due;
			List<SlaTerms> fresh = terms(run + 100);
			List<SlaTimeline> rebuilt = new ArrayList<>(tickets);
			Random r2 = new Random(42);
			for (int i = 0; i < tickets; i++) {
				rebuilt.add(timeline(r2, now, shapes.get(i), fresh));
			}
			t = System.nanoTime();
			long dueParallel = java.util.stream.IntStream.range(0, tickets).parallel()
				.filter(i -> SlaClock.evaluate(fresh.get(policyOf.get(i)), rebuilt.get(i), now).nextDueAt() != null)
				.count();
			parallel.add((System.nanoTime() - t) / 1_000_000);
			if (dueParallel != due) {
				throw new IllegalStateException("parallel and single runs disagree: " + dueParallel + " vs " + due);
			}
		}
		System.out.printf("%d open tickets, %d with a running clock; one thread: median %d ms (min %d, max %d); "
				+ "%d cores: median %d ms (min %d, max %d) over %d runs%n", tickets, checksum, median(single),
				Collections.min(single), Collections.max(single), Runtime.getRuntime().availableProcessors(),
				median(parallel), Collections.min(parallel), Collections.max(parallel), runs);
	}

	static List<SlaTerms> terms(int variant) {
		List<OpeningInterval> weekdays = new ArrayList<>();
		List<OpeningInterval> lunch = new ArrayList<>();
		for (DayOfWeek d : DayOfWeek.values()) {
			if (d.getValue() <= 5) {
				weekdays.add(new OpeningInterval(d, LocalTime.of(9, 0), LocalTime.of(18 + variant % 2, 0)));
				lunch.add(new OpeningInterval(d, LocalTime.of(9, 30), LocalTime.of(12, 0)));
				lunch.add(new OpeningInterval(d, LocalTime.of(13, 0), LocalTime.of(17, 30)));
			}
		}
		List<Closure> nenmatsu = List.of(
				new Closure(LocalDate.of(2000, 12, 29), LocalDate.of(2001, 1, 3), "年末年始", true));
		BusinessCalendar business = BusinessCalendar.of(TOKYO, weekdays, true, nenmatsu);
		BusinessCalendar always = BusinessCalendar.alwaysOpen(TOKYO);
		BusinessCalendar osaka = BusinessCalendar.of(TOKYO, lunch, true, nenmatsu);
		return List.of(new SlaTerms("standard", business, 240, 480, 1440, 60),
				new SlaTerms("enterprise", always, 60, 120, 480, 15), new SlaTerms("osaka", osaka, 120, 240, 960, 30));
	}

	static SlaTimeline timeline(Random r, Instant now, int[] shape, List<SlaTerms> terms) {
		Instant created = now.minusSeconds(shape[0] * 60L);
		List<Entry> entries = new ArrayList<>();
		Instant at = created;
		long span = Math.max(60, now.getEpochSecond() - created.getEpochSecond());
		entries.add(Entry.status(created, Status.OPEN));
		for (int k = 0; k < shape[1]; k++) {
			at = at.plusSeconds(1 + (long) (r.nextDouble() * span / (shape[1] + 1)));
			switch (r.nextInt(6)) {
				case 0 -> entries.add(Entry.status(at, Status.PENDING));
				case 1 -> entries.add(Entry.status(at, r.nextBoolean() ? Status.OPEN : Status.ON_HOLD));
				case 2, 3 -> entries.add(Entry.agentResponse(at));
				case 4 -> entries.add(Entry.customerMessage(at));
				default -> {
					if (r.nextInt(4) == 0) {
						entries.add(Entry.policy(at, terms.get(r.nextInt(3))));
					}
					else {
						entries.add(Entry.status(at, Status.OPEN));
					}
				}
			}
		}
		return new SlaTimeline(created, entries);
	}

	static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
