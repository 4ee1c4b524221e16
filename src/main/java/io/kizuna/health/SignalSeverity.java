package io.kizuna.health;

import java.util.Locale;

/** How urgent a signal is; stored and shown by its code ({@code high}, {@code medium}, {@code low}). */
public enum SignalSeverity {

	HIGH, MEDIUM, LOW;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}
}
