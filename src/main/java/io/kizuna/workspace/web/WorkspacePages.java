package io.kizuna.workspace.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** Settings for admins and managers; keys, tokens, users, the workspace, the outbound allow-list and the audit log for admins only. */
@Component
class WorkspacePages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.LEADS, "/settings"), get(Roles.ADMINS, "/audit", "/settings/outbound"),
				// Everyone changes their own password; admins reset others'.
				get(Roles.EVERYONE, "/password"), post(Roles.EVERYONE, "/password"),
				post(Roles.ADMINS, "/settings/outbound", "/settings/workspace", "/settings/write-keys",
						"/settings/write-keys/*/revoke", "/settings/write-keys/*/origins", "/settings/api-tokens", "/settings/api-tokens/*/revoke",
						"/settings/users", "/settings/users/*/role", "/settings/users/*/disable",
						"/settings/users/*/password"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-settings", "nav.settings", "/settings", 70, Roles.LEADS),
				new NavigationEntry("nav-audit", "nav.audit", "/audit", 80, Roles.ADMINS));
	}
}
