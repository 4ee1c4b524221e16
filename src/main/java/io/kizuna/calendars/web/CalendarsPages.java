package io.kizuna.calendars.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** Calendars and SLA policies are settings: admins and managers read and change them. */
@Component
class CalendarsPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.LEADS, "/settings/calendars", "/settings/calendars/*", "/settings/sla-policies"),
				post(Roles.LEADS, "/settings/calendars", "/settings/calendars/*", "/settings/calendars/*/delete",
						"/settings/sla-policies", "/settings/sla-policies/*/delete"));
	}
}
