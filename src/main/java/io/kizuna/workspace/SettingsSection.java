package io.kizuna.workspace;

import java.util.Map;

/**
 * A part of the settings page that a module contributes as a bean (health brings key features, signal thresholds and
 * scorecards); its fragment reads the model as {@code section} and posts to the module's own actions.
 */
public interface SettingsSection {

	/** Where the section stands among the others, lowest first. */
	int order();

	/** The Thymeleaf template holding the section's fragment, e.g. {@code health/settings-section}. */
	String template();

	/** The fragment's name in {@link #template()}. */
	String fragment();

	/** What the section shows for this workspace. */
	Map<String, Object> model(io.kizuna.shared.WorkspaceId workspaceId);
}
