package io.kizuna.feedback;

import java.util.Map;

import io.kizuna.shared.WorkspaceId;

/**
 * One section of the voice-of-the-customer overview, as a bean: surveys bring the NPS trend and recent detractor
 * verbatims, feature requests the top requests by ARR, reviews the ratings by source, without the overview page
 * knowing them.
 */
public interface VocSection {

	/** Where the section stands among the others, lowest first. */
	int order();

	/** The Thymeleaf template holding the section's fragment, e.g. {@code feedback/voc-sections}. */
	String template();

	/** The fragment's name in {@link #template()}; it reads what {@link #model} returned as {@code section}. */
	String fragment();

	/** What the section shows for the workspace over the last {@code months} months. */
	Map<String, Object> model(WorkspaceId workspace, int months);
}
