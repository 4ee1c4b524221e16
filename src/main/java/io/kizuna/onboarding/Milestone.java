package io.kizuna.onboarding;

/**
 * One step of an onboarding plan.
 *
 * @param eventName the rollup event name for {@link MilestoneKind#EVENT_COUNT} and {@link MilestoneKind#EVENT_USERS},
 * else null
 * @param count how many events or distinct users reach it
 * @param withinDays only usage of the first N days from the start counts
 * @param dueDay due this many days after the start (day 0 is the start day)
 * @param firstValue the milestone whose day is the account's time to first value (at most one per plan)
 */
public record Milestone(String key, String nameJa, String nameEn, MilestoneKind kind, String eventName, int count,
		int withinDays, int dueDay, boolean firstValue) {

	public String name(java.util.Locale locale) {
		return "ja".equals(locale.getLanguage()) ? nameJa : nameEn;
	}
}
