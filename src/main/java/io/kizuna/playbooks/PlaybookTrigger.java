package io.kizuna.playbooks;

import java.util.Map;

import io.kizuna.shared.WorkspaceId;

/**
 * A kind of trigger a playbook can start on, as a bean (extension point): the built-in ones react to health and
 * segments; another module (journeys' stage changes, onboarding milestones) adds its own bean and calls
 * {@link PlaybookManagement#fire} with the accounts it saw, once per batch.
 */
public interface PlaybookTrigger {

	/** The trigger type a definition names, e.g. {@code signal_raised}; message key {@code playbooks.trigger.<type>}. */
	String type();

	/** The settings a playbook of this trigger takes, in the builder's order. */
	default java.util.List<String> settings() {
		return java.util.List.of();
	}

	/**
	 * For a setting with a fixed set of values, each value and its label in the reader's language (the builder shows
	 * a choice, never a raw code; the value {@code ""} labels "any"); empty for free text.
	 */
	default Map<String, String> choices(WorkspaceId workspace, String setting, java.util.Locale locale) {
		return Map.of();
	}

	/** Refuses settings that cannot match anything, naming the setting. */
	void validate(WorkspaceId workspace, Map<String, String> settings);

	/**
	 * Whether one occurrence (its attributes, e.g. {@code kind=paying_idle}) starts a playbook with these settings;
	 * by default every non-blank setting must equal the attribute of the same name.
	 */
	default boolean matches(Map<String, String> settings, Map<String, String> attributes) {
		return settings.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
			.allMatch(e -> e.getValue().equals(attributes.get(e.getKey())));
	}
}
