package io.kizuna.accounts;

import java.util.List;
import java.util.Map;

/**
 * A panel's model (its fragment reads it as {@code panel}) and the entries it adds to the account's timeline. A model
 * value may be null (an account without a stage, a plan, a ticket…): the fragment shows that as such.
 */
public record AccountPanelContent(Map<String, Object> model, List<TimelineEntry> timeline) {

	public AccountPanelContent {
		model = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(model));
		timeline = List.copyOf(timeline);
	}

	public static AccountPanelContent of(Map<String, Object> model) {
		return new AccountPanelContent(model, List.of());
	}
}
