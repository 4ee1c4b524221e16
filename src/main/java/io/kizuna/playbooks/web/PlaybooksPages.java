package io.kizuna.playbooks.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/**
 * Those who work with customers have tasks; leads see the team's and build playbooks; owners may read playbooks and
 * their run logs.
 */
@Component
class PlaybooksPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.LEADS, "/tasks/team"), get(Roles.WORKERS, "/tasks", "/tasks/new"),
				post(Roles.WORKERS, "/tasks", "/tasks/*/*"), post(Roles.LEADS, "/tasks/types"),
				get(Roles.OWNERS, "/playbooks", "/playbooks/*", "/playbooks/*/log"),
				post(Roles.LEADS, "/playbooks", "/playbooks/preview", "/playbooks/*", "/playbooks/*/*"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-tasks", "nav.tasks", "/tasks", 25, Roles.WORKERS),
				new NavigationEntry("nav-playbooks", "nav.playbooks", "/playbooks", 37, Roles.OWNERS));
	}
}
