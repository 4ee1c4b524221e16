package io.kizuna.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.playbooks.ActionContext;
import io.kizuna.playbooks.ActionOutcome;
import io.kizuna.playbooks.PlaybookAction;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The playbook steps this module brings: {@code send_email} (a template to the account's contacts, from the owner),
 * {@code call_webhook} and {@code post_slack} (to a subscription by id). Each message and delivery is keyed by the
 * step's key, so a step run twice sends once.
 */
@Configuration(proxyBeanMethods = false)
class MessagingActions {

	static final int MAX_RECIPIENTS = 20;

	@Bean
	PlaybookAction sendEmailAction(OutboundMail mail, AccountManagement accounts, UserManagement people,
			WorkspaceManagement workspaces, org.springframework.context.MessageSource messages) {
		return new PlaybookAction() {

			@Override
			public String type() {
				return "send_email";
			}

			@Override
			public List<String> settings() {
				return List.of("template", "to", "language");
			}

			@Override
			public Map<String, String> choices(WorkspaceId workspace, String setting, java.util.Locale locale) {
				Map<String, String> choices = new LinkedHashMap<>();
				switch (setting) {
					case "template" -> mail.templates(workspace).forEach(t -> choices.putIfAbsent(t.key(), t.name()));
					case "to" -> choices.put("contacts", messages.getMessage("playbooks.stepSetting.to.contacts", null,
							"contacts", locale));
					case "language" -> {
						choices.put("", messages.getMessage("playbooks.stepSetting.language.workspace", null, "", locale));
						choices.put("ja", "日本語");
						choices.put("en", "English");
					}
					default -> {
					}
				}
				return choices;
			}

			@Override
			public void validate(WorkspaceId workspace, Map<String, String> settings) {
				String template = settings.get("template");
				if (template == null || mail.templates(workspace).stream().noneMatch(t -> t.key().equals(template))) {
					throw new InvalidInputException("invalid step", List.of("template: no template " + template));
				}
				String to = settings.getOrDefault("to", "contacts");
				if (!to.equals("contacts") && !to.startsWith("contact:")) {
					throw new InvalidInputException("invalid step", List.of("to: contacts or contact:<external id>"));
				}
			}

			@Override
			public ActionOutcome run(ActionContext context) {
				WorkspaceId workspace = context.workspace();
				Optional<Account> account = accounts.findAccount(workspace, context.accountExternalId());
				if (account.isEmpty()) {
					return ActionOutcome.failed("no account " + context.accountExternalId());
				}
				String to = context.settings().getOrDefault("to", "contacts");
				List<Contact> recipients = to.startsWith("contact:")
						? accounts.findContact(workspace, to.substring(8)).stream().toList()
						: accounts.contacts(workspace, context.accountExternalId(), null, 0, MAX_RECIPIENTS).items();
				recipients = recipients.stream().filter(c -> c.email() != null && !c.email().isBlank()).toList();
				if (recipients.isEmpty()) {
					return ActionOutcome.failed("no contact with an email address");
				}
				Optional<User> owner = account.get().ownerUserId() == null ? Optional.empty()
						: people.users(workspace).stream().filter(u -> u.id() == account.get().ownerUserId()).findFirst();
				String workspaceName = workspaces.get(workspace).name();
				String language = context.settings().getOrDefault("language", workspaces.get(workspace).locale().getLanguage());
				String fromName = workspaceName + owner.map(u -> " " + u.displayName()).orElse("");
				int queued = 0;
				int suppressed = 0;
				List<String> problems = new ArrayList<>();
				for (Contact contact : recipients) {
					Map<String, Map<String, String>> values = new LinkedHashMap<>();
					values.put("account", map("name", account.get().name(), "externalId", account.get().externalId(),
							"tier", account.get().tier(), "domain", account.get().domain()));
					values.put("contact", map("name", contact.name(), "email", contact.email()));
					values.put("owner", map("name", owner.map(User::displayName).orElse(""), "email",
							owner.map(User::email).orElse("")));
					values.put("workspace", map("name", workspaceName));
					values.put("signal", strings(context.variables().get("signal")));
					try {
						OutboxMessage message = mail.sendTemplate(workspace,
								context.stepKey() + (recipients.size() == 1 && to.startsWith("contact:") ? ""
										: "/" + contact.externalId()),
								context.settings().get("template"), language, contact.email(), contact.name(), fromName,
								account.get().externalId(), values);
						if (message.status().equals("suppressed")) {
							suppressed++;
						}
						else {
							queued++;
						}
					}
					catch (InvalidInputException ex) {
						problems.add(contact.externalId() + ": " + String.join("; ", ex.errors().isEmpty()
								? List.of(ex.getMessage()) : ex.errors()));
					}
				}
				String summary = queued + " queued, " + suppressed + " suppressed"
						+ (problems.isEmpty() ? "" : ", refused: " + String.join(", ", problems));
				return queued + suppressed > 0 ? ActionOutcome.done(summary) : ActionOutcome.failed(summary);
			}
		};
	}

	@Bean
	PlaybookAction callWebhookAction(Webhooks webhooks, AccountManagement accounts) {
		return webhookAction("call_webhook", "webhook", webhooks, accounts);
	}

	@Bean
	PlaybookAction postSlackAction(Webhooks webhooks, AccountManagement accounts) {
		return webhookAction("post_slack", "slack", webhooks, accounts);
	}

	private static PlaybookAction webhookAction(String type, String kind, Webhooks webhooks, AccountManagement accounts) {
		return new PlaybookAction() {

			@Override
			public String type() {
				return type;
			}

			@Override
			public List<String> settings() {
				return List.of("webhook", "text");
			}

			@Override
			public Map<String, String> choices(WorkspaceId workspace, String setting, java.util.Locale locale) {
				Map<String, String> choices = new LinkedHashMap<>();
				if (setting.equals("webhook")) {
					webhooks.list(workspace).stream().filter(w -> w.kind().equals(kind))
						.forEach(w -> choices.put(String.valueOf(w.id()), w.name()));
				}
				return choices;
			}

			@Override
			public void validate(WorkspaceId workspace, Map<String, String> settings) {
				target(workspace, settings);
			}

			private Webhook target(WorkspaceId workspace, Map<String, String> settings) {
				try {
					Webhook webhook = webhooks.get(workspace, Long.parseLong(settings.getOrDefault("webhook", "")));
					if (!webhook.kind().equals(kind)) {
						throw new NotFoundException("not a " + kind + " target");
					}
					return webhook;
				}
				catch (NumberFormatException | NotFoundException ex) {
					throw new InvalidInputException("invalid step", List.of("webhook: no " + kind + " target "
							+ Addresses.headerText(settings.get("webhook"), 40)));
				}
			}

			@Override
			public ActionOutcome run(ActionContext context) {
				Webhook webhook;
				try {
					webhook = target(context.workspace(), context.settings());
				}
				catch (InvalidInputException ex) {
					return ActionOutcome.failed(String.join("; ", ex.errors()));
				}
				String name = accounts.findAccount(context.workspace(), context.accountExternalId())
					.map(Account::name).orElse(null);
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("playbook", context.playbookId());
				data.put("step", context.stepKey());
				if (context.settings().containsKey("text")) {
					data.put("message", TemplateEngine.render(context.settings().get("text"),
							TemplateEngine.model(Map.of("account", map("name", name, "externalId",
									context.accountExternalId())), context.variables())));
				}
				long id = webhooks.deliver(context.workspace(), webhook.id(),
						new WebhookEvent("playbook.step", context.stepKey(), context.accountExternalId(), name, data));
				return ActionOutcome.done("delivery " + id + " queued to " + webhook.name());
			}
		};
	}

	private static Map<String, String> map(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
		}
		return map;
	}

	private static Map<String, String> strings(Object value) {
		Map<String, String> map = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> given) {
			given.forEach((k, v) -> map.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
		}
		return map;
	}
}
