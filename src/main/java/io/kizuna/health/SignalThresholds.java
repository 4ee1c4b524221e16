package io.kizuna.health;

import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.InvalidInputException;

/** Per-workspace thresholds of the latent-bottleneck signals; {@link #defaults()} documents the starting point. */
public record SignalThresholds(int idleDays, double seatsUnusedRatio, int seatsMinimum, int keyFeatureGraceDays,
		double usageDropRatio, int usageDropMinimumEvents, int onboardingDays, int championInactiveDays,
		int renewalWindowDays, double renewalScoreDrop) {

	public static SignalThresholds defaults() {
		return new SignalThresholds(14, 0.3, 3, 30, 0.5, 20, 14, 14, 90, 10);
	}

	void validate() {
		List<String> errors = new ArrayList<>();
		positive(errors, "idleDays", idleDays);
		positive(errors, "seatsMinimum", seatsMinimum);
		positive(errors, "keyFeatureGraceDays", keyFeatureGraceDays);
		positive(errors, "onboardingDays", onboardingDays);
		positive(errors, "championInactiveDays", championInactiveDays);
		positive(errors, "renewalWindowDays", renewalWindowDays);
		positive(errors, "usageDropMinimumEvents", usageDropMinimumEvents);
		if (!(seatsUnusedRatio > 0 && seatsUnusedRatio < 1)) {
			errors.add("seatsUnusedRatio: between 0 and 1");
		}
		if (!(usageDropRatio > 0 && usageDropRatio < 1)) {
			errors.add("usageDropRatio: between 0 and 1");
		}
		if (!(renewalScoreDrop > 0 && renewalScoreDrop <= 100)) {
			errors.add("renewalScoreDrop: between 0 and 100");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid signal thresholds", errors);
		}
	}

	private static void positive(List<String> errors, String field, int value) {
		if (value < 1 || value > 3650) {
			errors.add(field + ": between 1 and 3650");
		}
	}
}
