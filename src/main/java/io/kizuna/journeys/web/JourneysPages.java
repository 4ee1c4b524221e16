package io.kizuna.journeys.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/**
 * Everyone sees the journey view and the stages; those who own accounts set an account's stage; leads change the
 * stages and their rules.
 */
@Component
class JourneysPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/journeys", "/journeys/stages"),
				post(Roles.OWNERS, "/journeys/accounts/*/stage", "/journeys/accounts/*/release"),
				post(Roles.LEADS, "/journeys/stages", "/journeys/stages/*", "/journeys/stages/*/*", "/journeys/rules"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-journeys", "nav.journeys", "/journeys", 37, Roles.EVERYONE));
	}
}
