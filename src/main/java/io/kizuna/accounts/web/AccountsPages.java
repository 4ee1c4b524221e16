package io.kizuna.accounts.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/**
 * The account 360 page, its notes and edits, the contact roles setting and the tiers and stages settings: who may
 * use them. Those who own customers edit them (owner, tier, stage, attributes, contact roles); everyone who may
 * write notes may edit and delete their own.
 */
@Component
class AccountsPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/accounts/*"),
				post(Roles.WORKERS, "/accounts/*/notes", "/accounts/*/notes/*", "/accounts/*/notes/*/delete"),
				post(Roles.OWNERS, "/accounts/*/owner", "/accounts/*/profile", "/accounts/*/attributes",
						"/accounts/*/attributes/remove", "/accounts/*/contact-roles"),
				post(Roles.LEADS, "/settings/contact-roles"),
				post(Roles.ADMINS, "/settings/vocabularies/*", "/settings/vocabularies/*/*", "/settings/vocabularies/*/*/move"));
	}
}
