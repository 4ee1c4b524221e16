package io.kizuna.playbooks;

import io.kizuna.shared.WorkspaceId;

/**
 * What one playbook step does (create a task, send an email, call a webhook, post to Slack, …). The playbooks module
 * runs the steps; each action is a bean of this type, so modules such as messaging add theirs without this module
 * knowing them.
 */
public interface PlaybookAction {

	/** The step type a playbook's definition names, e.g. {@code send_email}. */
	String type();

	/**
	 * Checks a step's settings when the playbook is saved; throws {@link io.kizuna.shared.InvalidInputException} naming
	 * the setting and what is wrong, in the reader's language.
	 */
	void validate(WorkspaceId workspace, java.util.Map<String, String> settings);

	/**
	 * Carries the step out for one enrolled account. Must be idempotent on {@link ActionContext#stepKey()}: a step run
	 * again after a restart or on a second node does nothing twice.
	 */
	ActionOutcome run(ActionContext context);

	/**
	 * Carries the step out for a batch of enrolled accounts at the same step, one outcome per context in order. By
	 * default one {@link #run} after the other; an action that can work set-based (create a task) overrides it.
	 */
	default java.util.List<ActionOutcome> runAll(java.util.List<ActionContext> contexts) {
		return contexts.stream().map(this::run).toList();
	}
}
