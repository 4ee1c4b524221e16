package io.kizuna.usage.web;

import static io.kizuna.workspace.PageAccess.get;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** Live events: raw events and refused calls, customer data as sent, for admins and managers. */
@Component
class UsagePages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.LEADS, "/usage/live"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-live", "live.nav", "/usage/live", 65, Roles.LEADS));
	}
}
