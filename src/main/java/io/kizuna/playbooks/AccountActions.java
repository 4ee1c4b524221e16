package io.kizuna.playbooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in actions on the account, through the accounts facade: {@code update_account} (a lifecycle stage, an
 * attribute, a tag in the {@code tags} attribute) and {@code add_note} (a timeline note). Both are idempotent by
 * nature or by the step key written into the note.
 */
@Configuration(proxyBeanMethods = false)
class AccountActions {

	@Bean
	PlaybookAction updateAccountAction(AccountManagement accounts) {
		return new PlaybookAction() {
			@Override
			public String type() {
				return "update_account";
			}

			@Override
			public List<String> settings() {
				return List.of("stage", "attribute", "value", "tag");
			}

			@Override
			public Map<String, String> choices(WorkspaceId workspace, String setting, java.util.Locale locale) {
				if (!setting.equals("stage")) {
					return Map.of();
				}
				Map<String, String> choices = new java.util.LinkedHashMap<>();
				choices.put("", "—");
				var stages = accounts.lifecycleStages(workspace);
				stages.codes().forEach(code -> choices.put(code, stages.label(code, locale)));
				return choices;
			}

			@Override
			public void validate(WorkspaceId workspace, Map<String, String> settings) {
				List<String> errors = new ArrayList<>();
				String stage = settings.get("stage");
				String attribute = settings.get("attribute");
				String tag = settings.get("tag");
				if (blank(stage) && blank(attribute) && blank(tag)) {
					errors.add("stage: a stage, an attribute or a tag is required");
				}
				if (!blank(stage) && !accounts.lifecycleStages(workspace).codes().contains(stage)) {
					errors.add("stage: not a lifecycle stage of the workspace");
				}
				if (!blank(attribute) && (!attribute.matches("[a-z][a-z0-9_]{0,62}") || attribute.equals("tags"))) {
					errors.add("attribute: 1 to 63 of a-z, 0-9 and _ (not tags)");
				}
				if (!blank(settings.get("value")) && settings.get("value").length() > 500) {
					errors.add("value: at most 500 characters");
				}
				if (!blank(tag) && (tag.length() > 50)) {
					errors.add("tag: at most 50 characters");
				}
				if (!errors.isEmpty()) {
					throw new InvalidInputException("invalid step", errors);
				}
			}

			@Override
			public ActionOutcome run(ActionContext context) {
				Map<String, String> s = context.settings();
				Account account = accounts.account(context.workspace(), context.accountExternalId());
				Map<String, Object> attributes = new HashMap<>();
				if (!blank(s.get("attribute"))) {
					attributes.put(s.get("attribute"), s.get("value"));
				}
				if (!blank(s.get("tag"))) {
					LinkedHashSet<String> tags = new LinkedHashSet<>();
					if (account.attributes().get("tags") instanceof List<?> list) {
						list.forEach(t -> tags.add(String.valueOf(t)));
					}
					tags.add(s.get("tag"));
					attributes.put("tags", List.copyOf(tags));
				}
				accounts.updateAccount(context.workspace(), context.accountExternalId(), new AccountDraft(null, null,
						null, null, null, blank(s.get("stage")) ? null : s.get("stage"), null,
						attributes.isEmpty() ? null : attributes));
				return ActionOutcome.done("account updated");
			}
		};
	}

	@Bean
	PlaybookAction addNoteAction(AccountManagement accounts) {
		return new PlaybookAction() {
			@Override
			public String type() {
				return "add_note";
			}

			@Override
			public List<String> settings() {
				return List.of("body");
			}

			@Override
			public void validate(WorkspaceId workspace, Map<String, String> settings) {
				String body = settings.get("body");
				if (blank(body) || body.length() > 5000) {
					throw new InvalidInputException("invalid step", List.of("body: 1 to 5000 characters"));
				}
				Templates.validate("body", body);
			}

			@Override
			public ActionOutcome run(ActionContext context) {
				String marker = "playbook:" + context.stepKey();
				// the author names the step: a step run again finds its note and adds none
				boolean exists = accounts.notes(context.workspace(), context.accountExternalId(), 200).stream()
					.anyMatch(n -> marker.equals(n.author()));
				if (!exists) {
					accounts.addNote(context.workspace(), context.accountExternalId(), marker,
							Templates.render(context.settings().get("body"), context.variables()));
				}
				return ActionOutcome.done(exists ? "note existed" : "note added");
			}
		};
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
