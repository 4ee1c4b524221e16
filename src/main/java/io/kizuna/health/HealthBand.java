package io.kizuna.health;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.kizuna.shared.InvalidInputException;

/**
 * Where a score falls between a scorecard's cut-offs. Stored, sent and shown by its code ({@code red},
 * {@code yellow}, {@code green}), which is also the message key suffix {@code band.<code>}.
 */
public enum HealthBand {

	RED, YELLOW, GREEN;

	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Null for null: a snapshot without a score has no band. */
	@JsonCreator
	public static HealthBand fromCode(String code) {
		if (code == null) {
			return null;
		}
		for (HealthBand band : values()) {
			if (band.code().equals(code)) {
				return band;
			}
		}
		throw new InvalidInputException("band: red, yellow or green");
	}

	/** The code, so templates that build CSS classes and message keys from a band read as they did with strings. */
	@Override
	public String toString() {
		return code();
	}
}
