package io.kizuna.health;

import java.util.Locale;

/** The latent bottlenecks Kizuna detects: customers who struggle without saying so. */
public enum SignalKind {

	PAYING_IDLE, SEATS_UNUSED, KEY_FEATURE_NOT_ADOPTED, USAGE_FALLING, ONBOARDING_STALLED, CHAMPION_GONE,
	RENEWAL_AT_RISK;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static SignalKind fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}
}
