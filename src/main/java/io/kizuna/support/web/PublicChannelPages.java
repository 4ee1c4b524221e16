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
 * The agents' side of the public channels: everyone reads a ticket's chat, its suggested articles and the CSAT
 * report; those who work with customers answer in the chat; admins set up the form, the chat and CSAT.
 */
@Component
class PublicChannelPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.ADMINS, "/support/public-channels"), post(Roles.ADMINS, "/support/public-channels"),
				get(Roles.EVERYONE, "/support/tickets/*/chat", "/support/tickets/*/suggestions",
						"/support/tickets/*/suggestions/*/text", "/support/csat"),
				post(Roles.WORKERS, "/support/tickets/*/chat"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of();
	}
}
