package io.kizuna.imports;

import java.util.Arrays;
import java.util.List;

import io.kizuna.shared.InvalidInputException;

/**
 * A row refused for a reason the import page says in the reader's language: the message (English, for the CLI,
 * the REST answer and the errors file) and the message key with its arguments, e.g. {@code import.reason.required}
 * with the column. A target throws it from its row mapping; the import goes on with the next row.
 */
public class RowRejectedException extends InvalidInputException {

	private final String key;

	private final List<Object> arguments;

	public RowRejectedException(String message, String key, Object... arguments) {
		super(message);
		this.key = key;
		this.arguments = List.copyOf(Arrays.asList(arguments));
	}

	public String key() {
		return key;
	}

	public List<Object> arguments() {
		return arguments;
	}
}
