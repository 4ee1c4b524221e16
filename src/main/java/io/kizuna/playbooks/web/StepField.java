package io.kizuna.playbooks.web;

import java.util.Map;

/**
 * One setting of one step in the builder: its key (the label is {@code playbooks.stepSetting.<key>}), the form
 * field's name, its value, and the values to choose from with their labels (empty: free text).
 */
public record StepField(String key, String name, String value, Map<String, String> choices, boolean multiline) {

	public boolean choice() {
		return !choices.isEmpty();
	}
}
