package io.kizuna.calendars;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What happened to a ticket, as far as its SLA clocks care: created (in status {@code NEW}), status changes, agent
 * responses, customer messages, and policy changes carrying the new terms.
 */
public record SlaTimeline(Instant createdAt, List<Entry> entries) {

	/** At most this many entries per ticket. */
	public static final int MAX_ENTRIES = 10_000;

	public SlaTimeline {
		Objects.requireNonNull(createdAt, "createdAt");
		if (entries.size() > MAX_ENTRIES) {
			throw new IllegalArgumentException("a timeline holds at most " + MAX_ENTRIES + " entries");
		}
		List<Entry> sorted = new ArrayList<>(entries);
		sorted.sort(Comparator.comparing(Entry::at)); // stable: same-instant entries keep their order
		entries = List.copyOf(sorted);
	}

	/** A ticket's status as the clocks see it. */
	public enum Status {
		NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

		/** Pending (waiting on the customer) and on hold pause every clock. */
		public boolean pauses() {
			return this == PENDING || this == ON_HOLD;
		}

		public boolean solved() {
			return this == SOLVED || this == CLOSED;
		}
	}

	public enum Kind {
		STATUS_CHANGED, AGENT_RESPONDED, CUSTOMER_MESSAGED, POLICY_CHANGED
	}

	/** One thing that happened; {@code status} only for a status change, {@code terms} only for a policy change. */
	public record Entry(Instant at, Kind kind, Status status, SlaTerms terms) {

		public Entry {
			Objects.requireNonNull(at, "at");
			Objects.requireNonNull(kind, "kind");
			if (kind == Kind.STATUS_CHANGED && status == null) {
				throw new IllegalArgumentException("a status change names the new status");
			}
			if (kind == Kind.POLICY_CHANGED && terms == null) {
				throw new IllegalArgumentException("a policy change carries the new terms");
			}
		}

		public static Entry status(Instant at, Status status) {
			return new Entry(at, Kind.STATUS_CHANGED, status, null);
		}

		public static Entry agentResponse(Instant at) {
			return new Entry(at, Kind.AGENT_RESPONDED, null, null);
		}

		public static Entry customerMessage(Instant at) {
			return new Entry(at, Kind.CUSTOMER_MESSAGED, null, null);
		}

		public static Entry policy(Instant at, SlaTerms terms) {
			return new Entry(at, Kind.POLICY_CHANGED, null, terms);
		}
	}

	public static SlaTimeline of(Instant createdAt, Entry... entries) {
		return new SlaTimeline(createdAt, List.of(entries));
	}
}
