package io.kizuna.imports.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** The import page: admins and managers. */
@Component
class ImportsPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.LEADS, "/imports", "/imports/templates/*"), post(Roles.LEADS, "/imports"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-import", "nav.import", "/imports", 60, Roles.LEADS));
	}
}
