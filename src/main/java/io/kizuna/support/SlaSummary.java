package io.kizuna.support;

import java.time.Instant;

/**
 * A ticket's SLA as the inbox lists it: the policy, the next due time among its running clocks (null while paused,
 * met or stopped), when its warning comes, whether a clock was breached, and the state to show: {@code breached},
 * {@code warning}, {@code running}, {@code paused} or {@code done}.
 */
public record SlaSummary(long ticketId, String policyKey, Instant nextDueAt, Instant warnAt, boolean breached,
		String state) {

	static SlaSummary of(TicketSlaRows.Stored s, Instant now) {
		String state;
		if (s.breached()) {
			state = "breached";
		}
		else if (s.nextDueAt() != null && s.warnAt() != null && !s.warnAt().isAfter(now)) {
			state = "warning";
		}
		else if (s.nextDueAt() != null) {
			state = "running";
		}
		else if (s.open() && ("paused".equals(s.firstResponseState()) || "paused".equals(s.resolutionState())
				|| "paused".equals(s.nextResponseState()))) {
			state = "paused";
		}
		else {
			state = "done";
		}
		return new SlaSummary(s.ticketId(), s.policyKey(), s.nextDueAt(), s.warnAt(), s.breached(), state);
	}

	/** Wall-clock seconds to the next due time from {@code now} (negative once past), or null. */
	public Long secondsLeft(Instant now) {
		return nextDueAt == null ? null : nextDueAt.getEpochSecond() - now.getEpochSecond();
	}
}
