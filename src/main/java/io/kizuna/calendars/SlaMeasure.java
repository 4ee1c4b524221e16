package io.kizuna.calendars;

import java.time.Instant;

/**
 * One clock of a ticket at a moment: when it started, when it is due (none while paused, once met or when there is no
 * target), when the warning comes, when it was achieved, the target, the business time counted and left (negative
 * past the due time, in seconds), whether the warning is on, and how many times it was breached (next response can
 * breach once per customer message).
 */
public record SlaMeasure(SlaMetric metric, SlaState state, Instant startedAt, Instant dueAt, Instant warnAt,
		Instant achievedAt, Integer targetMinutes, long elapsedSeconds, long remainingSeconds, boolean warning,
		int breaches) {

	static SlaMeasure none(SlaMetric metric, Integer target) {
		return new SlaMeasure(metric, SlaState.NONE, null, null, null, null, target, 0, 0, false, 0);
	}

	public boolean breached() {
		return breaches > 0;
	}
}
