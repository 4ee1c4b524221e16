package io.kizuna.health;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a signal is about, by its code as stored in {@code health_signal.kind} (e.g. {@code paying_idle}). A value,
 * not a closed list: the {@link SignalRule} beans decide which kinds exist, so another module can add one (ADR 0021).
 * In JSON it is its code, lower snake case like every code of the API (ADR 0047); the upper-case names the API
 * showed before are still read.
 */
public record SignalKind(String code) {

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	public SignalKind {
		if (code == null || !CODE.matcher(code).matches()) {
			throw new IllegalArgumentException("a signal code is lower snake case: " + code);
		}
	}

	/** The message of the kind's name on screens. */
	public String titleKey() {
		return "signal." + code + ".title";
	}

	/** The message of what a CSM should do about it. */
	public String actionKey() {
		return "signal." + code + ".action";
	}

	/** Case-insensitive, as the enum's {@code valueOf(code.toUpperCase())} was; whether a rule raises it is not checked. */
	@JsonCreator
	public static SignalKind fromCode(String code) {
		return new SignalKind(code == null ? null : code.toLowerCase(Locale.ROOT));
	}

	@JsonValue
	public String json() {
		return code;
	}

	/** The code, so that messages listing the kinds name them as the API does: [paying_idle, seats_unused …]. */
	@Override
	public String toString() {
		return code;
	}
}
