package io.kizuna.calendars;

import java.util.Objects;

/**
 * What an SLA policy asks of one ticket, ready for the clock: targets in business minutes on a calendar (a
 * {@code null} target is not measured) and how many business minutes before a breach the warning comes.
 */
public record SlaTerms(String policyKey, BusinessCalendar calendar, Integer firstResponseMinutes,
		Integer nextResponseMinutes, Integer resolutionMinutes, int warningMinutes) {

	public SlaTerms {
		Objects.requireNonNull(calendar, "calendar");
		if (warningMinutes < 0) {
			throw new IllegalArgumentException("the warning is given zero or more minutes before a breach");
		}
	}

	Integer target(SlaMetric metric) {
		return switch (metric) {
			case FIRST_RESPONSE -> firstResponseMinutes;
			case NEXT_RESPONSE -> nextResponseMinutes;
			case RESOLUTION -> resolutionMinutes;
		};
	}
}
