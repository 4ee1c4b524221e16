package io.kizuna.demo;

/**
 * How a demo account behaves, and its share of the accounts. Stored as the account attribute {@code demo_archetype}
 * so scores and signals can be checked against it.
 */
enum Archetype {

	HEALTHY(0.33), GROWING(0.12), DECLINING(0.10), PAYING_IDLE(0.08), SEATS_UNUSED(0.10), KEY_FEATURE_MISSING(0.08),
	ONBOARDING_STALLED(0.05), CHURNED(0.14);

	final double share;

	Archetype(double share) {
		this.share = share;
	}

	static Archetype pick(double uniform) {
		double cumulative = 0;
		for (Archetype archetype : values()) {
			cumulative += archetype.share;
			if (uniform < cumulative) {
				return archetype;
			}
		}
		return HEALTHY;
	}

	String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
