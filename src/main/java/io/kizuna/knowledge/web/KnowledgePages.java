package io.kizuna.knowledge.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** Everyone reads the knowledge base and its analytics; those who work with customers write and publish. */
@Component
class KnowledgePages implements WebPages {

	@Override
	public List<PageAccess> access() {
		// the editor of a new article only shows a form; saving is for those who work with customers
		return List.of(get(Roles.EVERYONE, "/knowledge", "/knowledge/analytics", "/knowledge/*"),
				post(Roles.WORKERS, "/knowledge", "/knowledge/*", "/knowledge/*/status", "/knowledge/*/revert"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-knowledge", "nav.knowledge", "/knowledge", 60, Roles.EVERYONE));
	}
}
