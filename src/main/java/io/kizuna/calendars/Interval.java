package io.kizuna.calendars;

import java.time.Instant;
import java.util.Objects;

/** A half-open span of time [start, end), e.g. a pause of a ticket's SLA clock. */
public record Interval(Instant start, Instant end) {

	public Interval {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (end.isBefore(start)) {
			throw new IllegalArgumentException("an interval ends after it starts: " + start + " > " + end);
		}
	}
}
