package io.kizuna.accounts;

import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.InvalidInputException;

/** Collects every violation of a request so a caller can fix them all at once. */
final class Validation {

	private final List<String> errors = new ArrayList<>();

	Validation required(String field, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			errors.add(field + ": required");
		}
		else {
			optional(field, value, maxLength);
		}
		return this;
	}

	Validation optional(String field, String value, int maxLength) {
		if (value != null && value.length() > maxLength) {
			errors.add(field + ": at most " + maxLength + " characters");
		}
		if (value != null && value.indexOf('\0') >= 0) {
			errors.add(field + ": contains a NUL character");
		}
		return this;
	}

	Validation check(boolean ok, String error) {
		if (!ok) {
			errors.add(error);
		}
		return this;
	}

	void orThrow(String message) {
		if (!errors.isEmpty()) {
			throw new InvalidInputException(message, errors);
		}
	}
}
