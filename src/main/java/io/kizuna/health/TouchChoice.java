package io.kizuna.health;

import java.util.Locale;

/**
 * A touch level as the accounts list shows and filters it, read from what the segments module publishes
 * ({@code segments_touch_levels}): its code (high, mid, tech) and the workspace's names for it.
 */
public record TouchChoice(String code, String nameJa, String nameEn) {

	public String name(Locale locale) {
		return "ja".equals(locale.getLanguage()) ? nameJa : nameEn;
	}
}
