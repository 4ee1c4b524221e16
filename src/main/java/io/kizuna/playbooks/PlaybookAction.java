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
	 * The settings a step of this type reads, in the builder's order; each is shown as its own field labelled by the
	 * message {@code playbooks.stepSetting.<setting>} (in the bundle of the module that brings the action).
	 */
	default java.util.List<String> settings() {
		return java.util.List.of();
	}

	/**
	 * For a setting with a fixed set of values, each value and its label in the reader's language (the builder shows
	 * a choice, never a raw code); empty for free text.
	 */
	default java.util.Map<String, String> choices(WorkspaceId workspace, String setting, java.util.Locale locale) {
		return java.util.Map.of();
	}

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
