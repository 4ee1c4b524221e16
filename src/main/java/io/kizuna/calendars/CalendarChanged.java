package io.kizuna.calendars;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/**
 * A calendar's hours, holidays, closures or zone changed, or it was deleted: the due times of tickets under the named
 * policies (every policy on that calendar) are to be recomputed. One event per change, never per ticket.
 */
public record CalendarChanged(WorkspaceId workspace, String calendarKey, List<String> policyKeys) {

	public CalendarChanged {
		policyKeys = List.copyOf(policyKeys);
	}
}
