package io.kizuna.text.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** Everyone reads what customers are saying and searches it; admins edit the workspace's vocabulary. */
@Component
class TextPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/text", "/text/term", "/text/search"), get(Roles.ADMINS, "/text/settings"),
				post(Roles.ADMINS, "/text/settings"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-text", "nav.text", "/text", 65, Roles.EVERYONE));
	}
}
