package io.kizuna.support.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** Everyone reads the SLA report; those who answer customers may send a failed reply again. */
@Component
class SlaPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/support/sla-report", "/support/sla-report.csv"),
				post(Roles.WORKERS, "/support/tickets/*/messages/*/retry"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of();
	}
}
