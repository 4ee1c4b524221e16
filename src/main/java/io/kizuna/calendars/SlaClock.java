package io.kizuna.calendars;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLA clocks of one ticket, computed from its timeline (pure; ADR 0096). The timeline is cut into segments at
 * every status and policy change; business time is counted in the segments where the ticket is neither pending, on
 * hold nor solved, each on the calendar of the policy in force in that segment. A policy change keeps the business
 * time already counted (and a pause goes on under the new policy); the clock is judged against the target of the
 * policy in force when it was achieved, or now while it runs: it is due when the counted time reaches that target.
 * The warning comes when the counted time reaches the target less the policy's warning minutes.
 */
public final class SlaClock {

	private static final long[] NO_PAUSES = new long[0];

	private SlaClock() {
	}

	private record Segment(long start, long end, SlaTimeline.Status status, SlaTerms terms) {

		boolean counts() {
			return !status.pauses() && !status.solved();
		}
	}

	/** The clocks of a ticket at {@code now} under {@code terms} (until a policy change in the timeline replaces them). */
	public static SlaEvaluation evaluate(SlaTerms terms, SlaTimeline timeline, Instant now) {
		List<Segment> segments = new ArrayList<>();
		long start = timeline.createdAt().getEpochSecond();
		SlaTimeline.Status status = SlaTimeline.Status.NEW;
		SlaTerms current = terms;
		Long solvedAt = null;
		Long firstResponse = null;
		Long cycleStart = null;
		List<long[]> cycles = new ArrayList<>();
		for (SlaTimeline.Entry e : timeline.entries()) {
			long at = Math.max(e.at().getEpochSecond(), timeline.createdAt().getEpochSecond());
			switch (e.kind()) {
				case STATUS_CHANGED, POLICY_CHANGED -> {
					if (at > start) {
						segments.add(new Segment(start, at, status, current));
						start = at;
					}
					if (e.kind() == SlaTimeline.Kind.POLICY_CHANGED) {
						current = e.terms();
					}
					else {
						if (e.status().solved() && !status.solved()) {
							solvedAt = at;
						}
						else if (!e.status().solved()) {
							solvedAt = null;
						}
						status = e.status();
					}
				}
				case AGENT_RESPONDED -> {
					if (firstResponse == null) {
						firstResponse = at;
					}
					else if (cycleStart != null) {
						cycles.add(new long[] { cycleStart, at });
						cycleStart = null;
					}
				}
				case CUSTOMER_MESSAGED -> {
					if (firstResponse != null && cycleStart == null) {
						cycleStart = at;
					}
				}
			}
		}
		segments.add(new Segment(start, Long.MAX_VALUE, status, current));
		if (cycleStart != null) {
			cycles.add(new long[] { cycleStart, -1 });
		}
		long nowS = now.getEpochSecond();
		long created = timeline.createdAt().getEpochSecond();
		SlaMeasure first = measure(SlaMetric.FIRST_RESPONSE, segments, created, firstResponse, nowS);
		SlaMeasure resolution = measure(SlaMetric.RESOLUTION, segments, created, solvedAt, nowS);
		SlaMeasure next;
		if (cycles.isEmpty()) {
			next = SlaMeasure.none(SlaMetric.NEXT_RESPONSE, termsAt(segments, nowS).nextResponseMinutes());
		}
		else {
			int breaches = 0;
			SlaMeasure last = null;
			for (long[] c : cycles) {
				last = measure(SlaMetric.NEXT_RESPONSE, segments, c[0], c[1] < 0 ? null : c[1], nowS);
				breaches += last.breaches();
			}
			next = new SlaMeasure(last.metric(), last.state(), last.startedAt(), last.dueAt(), last.warnAt(),
					last.achievedAt(), last.targetMinutes(), last.elapsedSeconds(), last.remainingSeconds(),
					last.warning(), breaches);
		}
		return new SlaEvaluation(termsAt(segments, nowS).policyKey(), first, next, resolution);
	}

	private static SlaTerms termsAt(List<Segment> segments, long at) {
		SlaTerms terms = segments.get(0).terms();
		for (Segment s : segments) {
			if (s.start() > at) {
				break;
			}
			terms = s.terms();
		}
		return terms;
	}

	private static SlaMeasure measure(SlaMetric metric, List<Segment> segments, long start, Long achieved, long now) {
		long judgedAt = achieved != null ? achieved : now;
		SlaTerms judging = termsAt(segments, judgedAt);
		Integer target = judging.target(metric);
		if (target == null) {
			return SlaMeasure.none(metric, null);
		}
		long targetS = target * 60L;
		long warnS = judging.warningMinutes() > 0 && judging.warningMinutes() < target
				? targetS - judging.warningMinutes() * 60L : -1;
		long limit = achieved != null ? achieved : Long.MAX_VALUE;
		long counted = 0;
		long elapsed = 0;
		Long due = null;
		Long warn = null;
		Segment currentSegment = segments.get(0);
		for (Segment s : segments) {
			if (s.start() <= judgedAt) {
				currentSegment = s;
			}
			long a = Math.max(s.start(), start);
			long b = Math.min(s.end(), limit);
			if (a >= b || !s.counts()) {
				continue;
			}
			BusinessCalendar calendar = s.terms().calendar();
			boolean open = b == Long.MAX_VALUE;
			long len = open ? Long.MAX_VALUE : calendar.secondsBetween(a, b, NO_PAUSES);
			long c = Math.min(b, judgedAt);
			if (c > a) {
				elapsed += c == b ? len : calendar.secondsBetween(a, c, NO_PAUSES);
			}
			if (warnS >= 0 && warn == null && (open || counted + len >= warnS)) {
				warn = calendar.addSeconds(a, Math.max(0, warnS - counted), NO_PAUSES);
			}
			if (due == null && (open || counted + len >= targetS)) {
				due = calendar.addSeconds(a, Math.max(0, targetS - counted), NO_PAUSES);
			}
			if (!open) {
				counted += len;
			}
		}
		SlaState state;
		int breaches = 0;
		if (achieved != null) {
			boolean late = due != null && achieved > due;
			state = late ? SlaState.BREACHED : SlaState.MET;
			breaches = late ? 1 : 0;
			if (!late) {
				due = null;
				warn = null;
			}
		}
		else if (due != null && now > due) {
			state = SlaState.BREACHED;
			breaches = 1;
		}
		else if (currentSegment.status().solved()) {
			state = SlaState.STOPPED;
		}
		else if (!currentSegment.counts()) {
			state = SlaState.PAUSED;
		}
		else {
			state = SlaState.RUNNING;
		}
		boolean warning = state == SlaState.RUNNING && warn != null && now >= warn;
		return new SlaMeasure(metric, state, Instant.ofEpochSecond(start), instant(due), instant(warn),
				achieved == null ? null : Instant.ofEpochSecond(achieved), target, elapsed, targetS - elapsed, warning,
				breaches);
	}

	private static Instant instant(Long epochSecond) {
		return epochSecond == null ? null : Instant.ofEpochSecond(epochSecond);
	}
}
