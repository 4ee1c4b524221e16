package io.kizuna.health.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** The accounts list and its CSV export, the at-risk worklist, the health settings and the scorecard editor. */
@Component
class HealthPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/accounts", "/at-risk"), get(Roles.OWNERS, "/exports/accounts.csv"),
				post(Roles.LEADS, "/settings/health", "/settings/scorecards"),
				PageAccess.any(Roles.LEADS, "/settings/scorecards/*"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-accounts", "nav.accounts", "/accounts", 20, Roles.EVERYONE),
				new NavigationEntry("nav-at-risk", "nav.atRisk", "/at-risk", 30, Roles.EVERYONE));
	}
}
