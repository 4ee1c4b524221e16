package io.kizuna.accounts.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** The account 360 page, its notes and the tiers and stages settings: who may use them. */
@Component
class AccountsPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/accounts/*"), post(Roles.WORKERS, "/accounts/*/notes"), 
				post(Roles.ADMINS, "/settings/vocabularies/*", "/settings/vocabularies/*/*", "/settings/vocabularies/*/*/move"));
	}
}
