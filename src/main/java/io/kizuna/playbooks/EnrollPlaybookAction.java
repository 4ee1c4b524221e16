package io.kizuna.playbooks;

import java.util.List;
import java.util.Map;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code enroll_playbook}: enrolls the account into another playbook (its own rules apply). Enrolling into itself is
 * refused at save, a loop between playbooks at save and, should one slip through, at run time by the depth limit.
 */
@Component
class EnrollPlaybookAction implements PlaybookAction {

	private final ObjectProvider<PlaybookManagement> playbooks;

	private final Playbooks table;

	EnrollPlaybookAction(ObjectProvider<PlaybookManagement> playbooks, Playbooks table) {
		this.playbooks = playbooks;
		this.table = table;
	}

	@Override
	public String type() {
		return "enroll_playbook";
	}

	@Override
	public List<String> settings() {
		return List.of("playbook");
	}

	@Override
	public Map<String, String> choices(WorkspaceId workspace, String setting, java.util.Locale locale) {
		Map<String, String> choices = new java.util.LinkedHashMap<>();
		if (setting.equals("playbook")) {
			table.list(workspace).forEach(p -> choices.put(String.valueOf(p.id()), p.name()));
		}
		return choices;
	}

	@Override
	public void validate(WorkspaceId workspace, Map<String, String> settings) {
		String target = settings.get("playbook");
		if (target == null || !target.matches("\\d{1,18}") || table.find(workspace, Long.parseLong(target)).isEmpty()) {
			throw new InvalidInputException("invalid step", List.of("playbook: no such playbook"));
		}
	}

	@Override
	public ActionOutcome run(ActionContext context) {
		long account = ((Number) context.variables().get("account.id")).longValue();
		int depth = ((Number) context.variables().getOrDefault("enrollment.depth", 0)).intValue();
		return playbooks.getObject().enrollFrom(context.workspace(), Long.parseLong(context.settings().get("playbook")),
				new AccountId(account), context.stepKey(), depth);
	}
}
