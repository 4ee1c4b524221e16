package io.kizuna.segments;

/**
 * One level of the touch model: its code (high, mid, tech), its names and, for high and mid, the rule (a filter
 * definition) that puts an account in it; tech-touch takes every account no rule placed.
 */
public record TouchLevel(String code, String nameJa, String nameEn, String definition) {

	public String name(java.util.Locale locale) {
		return "ja".equals(locale.getLanguage()) ? nameJa : nameEn;
	}
}
