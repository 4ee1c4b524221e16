package io.kizuna.ltv.web;

import static io.kizuna.workspace.PageAccess.get;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** The LTV page and the LTV panel of account 360: every signed-in role. */
@Component
class LtvPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/revenue/ltv", "/accounts/*/ltv"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-ltv", "nav.ltv", "/revenue/ltv", 40, Roles.EVERYONE));
	}
}
