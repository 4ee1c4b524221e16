package io.kizuna.revenue.web;

import static io.kizuna.workspace.PageAccess.get;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** The revenue dashboard: every signed-in role. */
@Component
class RevenuePages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/revenue"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-revenue", "revenue.nav", "/revenue", 50, Roles.EVERYONE));
	}
}
