package io.kizuna.playbooks;

import java.util.Map;

import io.kizuna.shared.WorkspaceId;

/**
 * One step of one enrollment: the unique key of this execution (playbook, account, enrollment number, step), the
 * account it is for, the step's settings and the variables templates may use (account, owner, trigger evidence).
 */
public record ActionContext(WorkspaceId workspace, String stepKey, long playbookId, String accountExternalId,
		Map<String, String> settings, Map<String, Object> variables) {

	public ActionContext {
		settings = Map.copyOf(settings);
		variables = Map.copyOf(variables);
	}
}
