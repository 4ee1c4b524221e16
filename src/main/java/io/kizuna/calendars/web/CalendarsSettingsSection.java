package io.kizuna.calendars.web;

import java.util.Map;

import io.kizuna.calendars.CalendarManagement;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SettingsSection;
import org.springframework.stereotype.Component;

/** The settings page's card leading to business calendars and SLA policies. */
@Component
class CalendarsSettingsSection implements SettingsSection {

	private final CalendarManagement calendars;

	private final SlaPolicyManagement policies;

	CalendarsSettingsSection(CalendarManagement calendars, SlaPolicyManagement policies) {
		this.calendars = calendars;
		this.policies = policies;
	}

	@Override
	public int order() {
		return 60;
	}

	@Override
	public String template() {
		return "calendars/settings-section";
	}

	@Override
	public String fragment() {
		return "calendars";
	}

	@Override
	public Map<String, Object> model(WorkspaceId workspace) {
		return Map.of("calendarCount", calendars.list(workspace).size(), "policyCount",
				policies.list(workspace).size(), "defaultCalendar", calendars.defaultCalendar(workspace).name());
	}
}
