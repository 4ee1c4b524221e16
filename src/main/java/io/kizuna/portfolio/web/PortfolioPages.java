package io.kizuna.portfolio.web;

import static io.kizuna.workspace.PageAccess.get;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** The home page: every signed-in role. */
@Component
class PortfolioPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-portfolio", "nav.portfolio", "/", 10, Roles.EVERYONE));
	}
}
