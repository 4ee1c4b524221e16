package io.kizuna.onboarding;

/**
 * Accounts that started in one month on one onboarding plan: how many, how many completed every milestone, how many
 * reached first value, and the median days to first value among those.
 */
public record OnboardingCohort(String month, String planKey, String planName, long accounts, long completed,
		long reachedFirstValue, Double completionRate, Double medianDaysToFirstValue) {
}
