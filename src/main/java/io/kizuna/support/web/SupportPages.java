package io.kizuna.support.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/**
 * Everyone reads the inbox and tickets; those who work with customers (support, CSMs, leads) answer, note, change and
 * merge; admins connect mailboxes.
 */
@Component
class SupportPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.ADMINS, "/support/channels", "/support/channels/*"),
				post(Roles.ADMINS, "/support/channels", "/support/channels/*/fetch"),
				// a ticket's page is any segment but "new": the new-ticket form is for workers only, so the two
				// declarations must not both match /support/tickets/new
				get(Roles.EVERYONE, "/support", "/support/tickets/{id:(?!new$).+}", "/support/tickets/*/messages/*/original",
						"/support/attachments/*", "/support/macros"),
				// the heartbeat of an open ticket page: everyone who can read a ticket is seen reading it
				post(Roles.EVERYONE, "/support/tickets/*/viewers", "/support/tickets/*/viewers/leave"),
				get(Roles.WORKERS, "/support/tickets/new"),
				post(Roles.WORKERS, "/support/tickets", "/support/tickets/*/reply", "/support/tickets/*/note",
						"/support/tickets/*/update", "/support/tickets/*/merge", "/support/tickets/*/call",
						"/support/tickets/*/messages/*/split",
						"/support/availability", "/support/macros"),
				// saved views are an agent's own way of reading the inbox: anyone who reads it may save one
				post(Roles.EVERYONE, "/support/views", "/support/views/*/delete"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-support", "nav.support", "/support", 40, Roles.EVERYONE));
	}
}
