package io.kizuna.health;

/**
 * One reason a scorecard definition is refused: {@code code} names the rule broken (for a localized message),
 * {@code measure} the measure concerned or null, {@code message} says it in English with the field path (REST).
 */
public record ScorecardViolation(String measure, String code, String message) {

	@Override
	public String toString() {
		return message;
	}
}
