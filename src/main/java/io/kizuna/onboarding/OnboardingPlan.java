package io.kizuna.onboarding;

import java.util.List;

/**
 * An onboarding plan: which accounts follow it ({@code scope} {@code plan} — accounts with a subscription on that
 * plan —, {@code tier}, or {@code default} for every other account) and its milestones in order.
 */
public record OnboardingPlan(String key, String nameJa, String nameEn, String scope, String scopeValue,
		List<Milestone> milestones) {

	/** Milestones a plan may have: the API and the editor refuse more, with the reason. */
	public static final int MAX_MILESTONES = 50;

	public OnboardingPlan {
		milestones = milestones == null ? List.of() : List.copyOf(milestones);
		scopeValue = scopeValue == null ? "" : scopeValue;
	}

	public String name(java.util.Locale locale) {
		return "ja".equals(locale.getLanguage()) ? nameJa : nameEn;
	}
}
