package io.kizuna.onboarding;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.kizuna.shared.InvalidInputException;

/**
 * How a milestone is reached: an event used a number of times, a number of distinct active users, a number of
 * distinct users of one event, or by hand.
 */
public enum MilestoneKind {

	/** The event (its rollup name: a track event's name, {@code $page}, {@code $screen}) counted at least N times. */
	EVENT_COUNT("event_count"),
	/** At least N distinct users active (any track, page or screen call). */
	ACTIVE_USERS("active_users"),
	/** At least N distinct users triggered the event (its rollup name, as for {@link #EVENT_COUNT}). */
	EVENT_USERS("event_users"),
	/** Only marked done by hand (or imported). */
	MANUAL("manual");

	private final String code;

	MilestoneKind(String code) {
		this.code = code;
	}

	@JsonValue
	public String code() {
		return code;
	}

	/** Whether the milestone names an event ({@code eventName}). */
	public boolean namesEvent() {
		return this == EVENT_COUNT || this == EVENT_USERS;
	}

	@JsonCreator
	public static MilestoneKind fromCode(String code) {
		for (MilestoneKind kind : values()) {
			if (kind.code.equals(code == null ? null : code.toLowerCase(Locale.ROOT))) {
				return kind;
			}
		}
		throw new InvalidInputException("kind: one of event_count, active_users, event_users, manual (was "
				+ code + ")");
	}
}
