package io.kizuna.health;

import java.util.Map;

/**
 * A rule's condition holds for an account: how badly, and the numbers that show it (stored as JSON beside the
 * signal and shown with it).
 */
public record SignalFinding(SignalSeverity severity, Map<String, Object> evidence) {

	public SignalFinding {
		if (severity == null) {
			throw new IllegalArgumentException("a finding has a severity");
		}
		evidence = evidence == null ? Map.of() : evidence;
	}
}
