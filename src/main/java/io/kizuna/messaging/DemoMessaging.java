package io.kizuna.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's messaging: templates in the workspace's language, SMTP settings (a local relay that is not running),
 * an outbox with re-onboarding mails to struggling accounts — most sent, some failed with the reason, one retrying —
 * and a CRM webhook and a Slack channel with their delivery logs. Keys make a second load store nothing twice.
 */
@Component
class DemoMessaging implements DemoContribution {

	private static final Logger log = LoggerFactory.getLogger(DemoMessaging.class);

	private static final List<String> STRUGGLING = List.of("paying_idle", "onboarding_stalled", "declining",
			"seats_unused", "key_feature_missing");

	/** The demo's sample unsubscribe token (43 characters, as real ones). */
	static final String DEMO_TOKEN = "kizuna-demo-unsubscribe-sample-0000000000000".substring(0, 43);

	private final OutboundMail mail;

	private final WebhookStore webhooks;

	private final AccountManagement accounts;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	private final JdbcClient jdbc;

	private final io.kizuna.shared.SecretBox secrets;

	DemoMessaging(OutboundMail mail, WebhookStore webhooks, AccountManagement accounts, UserManagement people,
			WorkspaceManagement workspaces, JdbcClient jdbc, io.kizuna.shared.SecretBox secrets) {
		this.mail = mail;
		this.webhooks = webhooks;
		this.accounts = accounts;
		this.people = people;
		this.workspaces = workspaces;
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	@Override
	public int order() {
		return 500;
	}

	@Override
	public void load(DemoWorkspace demo) {
		boolean ja = demo.japanese();
		String language = ja ? "ja" : "en";
		if (mail.smtpSettings(demo.workspace()).isEmpty()) {
			mail.saveSmtpSettings(demo.workspace(), new SmtpDraft("127.0.0.1", 2525, "none", null, null,
					"cs@kizuna-demo.example", 60));
		}
		mail.saveTemplate(demo.workspace(), ja
				? new TemplateDraft("reonboarding", "ja", "再オンボーディングのご案内", "{{account.name}} 様 ご利用再開のご案内",
						"{{contact.name}} 様\n\nいつもお世話になっております。{{workspace.name}} の{{owner.name}}です。\n"
								+ "最近ご利用が少なくなっているようでしたので、30分のオンライン相談をご提案させてください。\n"
								+ "ご都合のよい日時をお知らせいただけますと幸いです。\n\n{{owner.name}}")
				: new TemplateDraft("reonboarding", "en", "Re-onboarding", "{{account.name}}: let's get you going again",
						"Hi {{contact.name}},\n\nThis is {{owner.name}} from {{workspace.name}}. We noticed your team has "
								+ "not used the product much lately; could we set up a 30-minute session?\n\n{{owner.name}}"));
		mail.saveTemplate(demo.workspace(), ja
				? new TemplateDraft("renewal-check", "ja", "更新前のご確認", "{{account.name}} 様 ご契約更新に向けて",
						"{{contact.name}} 様\n\nご契約の更新日が近づいてまいりました。活用状況の振り返りのお時間をいただけますか。\n\n{{owner.name}}")
				: new TemplateDraft("renewal-check", "en", "Before renewal", "{{account.name}}: ahead of your renewal",
						"Hi {{contact.name}},\n\nYour renewal is coming up. Could we review how your team uses the "
								+ "product?\n\n{{owner.name}}"));

		Random random = new Random(demo.seed() ^ 0x6d61696cL);
		String workspaceName = workspaces.get(demo.workspace()).name();
		Map<Long, User> owners = new java.util.HashMap<>();
		people.users(demo.workspace()).forEach(u -> owners.put(u.id(), u));
		int mails = 0;
		for (DemoWorkspace.Account account : demo.accounts()) {
			if (!STRUGGLING.contains(account.archetype()) || mails >= 24) {
				continue;
			}
			Optional<Contact> contact = accounts.contacts(demo.workspace(), account.externalId(), null, 0, 5).items()
				.stream().filter(c -> c.email() != null && !c.email().isBlank()).findFirst();
			if (contact.isEmpty()) {
				continue;
			}
			User owner = account.ownerUserId() == null ? null : owners.get(account.ownerUserId());
			String ownerName = owner == null ? "" : owner.displayName();
			String key = "demo/" + account.externalId() + "/reonboarding";
			OutboxMessage message;
			try {
				message = mail.sendTemplate(demo.workspace(), key, "reonboarding", language, contact.get().email(),
						contact.get().name(), workspaceName + (ownerName.isEmpty() ? "" : " " + ownerName),
						account.externalId(), Map.of("account", Map.of("name", account.name(), "externalId",
								account.externalId()), "contact", Map.of("name", nullToEmpty(contact.get().name())),
								"owner", Map.of("name", ownerName), "workspace", Map.of("name", workspaceName)));
			}
			catch (io.kizuna.shared.InvalidInputException ex) {
				continue;
			}
			mails++;
			if (!message.status().equals("queued")) {
				continue;
			}
			int roll = random.nextInt(10);
			if (roll < 7) {
				jdbc.sql("""
						update messaging_outbox set status = 'sent', attempts = 1, sent_at = created_at + interval '2 seconds'
						where workspace_id = ? and message_id = ?""")
					.params(demo.workspace().value(), message.id()).update();
			}
			else if (roll < 9) {
				jdbc.sql("""
						update messaging_outbox set status = 'failed', attempts = 8,
						    last_error = '550 5.1.1 <' || to_address || '>: Recipient address rejected: User unknown'
						where workspace_id = ? and message_id = ?""")
					.params(demo.workspace().value(), message.id()).update();
			}
			else {
				jdbc.sql("""
						update messaging_outbox set status = 'retrying', attempts = 2,
						    last_error = 'ConnectException: Connection refused', next_attempt_at = now() + interval '1 hour'
						where workspace_id = ? and message_id = ?""")
					.params(demo.workspace().value(), message.id()).update();
			}
		}
		// One fixed link, so the public page can be opened on any demo (accessibility checks); only a demo address.
		jdbc.sql("insert into messaging_recipient (workspace_id, email, token) values (?, ?, ?) on conflict do nothing")
			.params(demo.workspace().value(), "demo-recipient@kizuna-demo.example", DEMO_TOKEN)
			.update();
		webhooksOf(demo, random);
		log.info("Demo messaging: 4 templates, {} messages, webhook deliveries", mails);
	}

	private void webhooksOf(DemoWorkspace demo, Random random) {
		if (!webhooks.list(demo.workspace()).isEmpty()) {
			return;
		}
		// Stored as they would have been subscribed; the hosts do not resolve here, so the guard fails any new attempt.
		Webhook crm = webhooks.add(demo.workspace(), new WebhookDraft(demo.japanese() ? "CRM連携" : "CRM sync",
				"https://crm.kizuna-demo.invalid/hooks/kizuna", "webhook", List.of("signal.raised", "health.band_changed")),
				secrets.seal("whsec_demo_" + Long.toHexString(demo.seed())));
		Webhook slack = webhooks.add(demo.workspace(), new WebhookDraft("Slack #cs-alerts",
				"https://hooks.slack.kizuna-demo.invalid/services/T000/B000/demo", "slack", List.of("signal.raised")),
				secrets.seal("whsec_demo_slack"));
		int n = 0;
		for (DemoWorkspace.Account account : demo.accounts()) {
			if (!STRUGGLING.contains(account.archetype()) || n >= 12) {
				continue;
			}
			String signal = account.archetype().equals("onboarding_stalled") ? "onboarding_stalled"
					: account.archetype().equals("paying_idle") ? "paying_idle" : "usage_falling";
			String payload = "{\"id\":\"demo:" + account.externalId() + "\",\"type\":\"signal.raised\",\"account\":"
					+ "{\"externalId\":\"" + account.externalId() + "\"},\"data\":{\"signal\":\"" + signal + "\"}}";
			for (Webhook target : List.of(crm, slack)) {
				long id = webhooks.enqueue(demo.workspace(), target.id(), "demo:" + account.externalId(), "signal.raised",
						payload);
				boolean delivered = random.nextInt(4) != 0;
				jdbc.sql(delivered ? """
						update messaging_delivery set status = 'delivered', attempts = 1, response_status = 200,
						    delivered_at = created_at where workspace_id = ? and delivery_id = ?""" : """
						update messaging_delivery set status = 'failed', attempts = 8, response_status = 503,
						    last_error = 'HTTP 503: Service Unavailable' where workspace_id = ? and delivery_id = ?""")
					.params(demo.workspace().value(), id).update();
			}
			n++;
		}
	}

	private static String nullToEmpty(String text) {
		return text == null ? "" : text;
	}
}
