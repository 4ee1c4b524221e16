package io.kizuna.messaging.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/**
 * Those who own customers read the outbox, templates and suppressions; leads write templates and keep the
 * suppression list and read the webhook log; admins set SMTP and manage webhooks (they send data out).
 */
@Component
class MessagingPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.OWNERS, "/messaging/outbox", "/messaging/templates", "/messaging/suppressions"),
				post(Roles.LEADS, "/messaging/templates", "/messaging/templates/delete", "/messaging/suppressions",
						"/messaging/suppressions/remove"),
				get(Roles.LEADS, "/messaging/webhooks"), get(Roles.ADMINS, "/messaging/smtp"),
				post(Roles.ADMINS, "/messaging/smtp", "/messaging/webhooks", "/messaging/webhooks/**"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-outbox", "nav.outbox", "/messaging/outbox", 60, Roles.OWNERS),
				new NavigationEntry("nav-webhooks", "nav.webhooks", "/messaging/webhooks", 61, Roles.LEADS));
	}
}
