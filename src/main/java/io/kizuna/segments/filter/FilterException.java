package io.kizuna.segments.filter;

import java.util.List;

import io.kizuna.shared.InvalidInputException;

/**
 * A definition that cannot be used, as a message code ({@code segments.filter.<code>} in the segments bundle), its
 * arguments and the 1-based column it is about (0 when it is about the whole text): the page and the API render it
 * in the user's language.
 */
public class FilterException extends InvalidInputException {

	private final String code;

	private final int position;

	private final List<Object> arguments;

	public FilterException(String code, int position, Object... arguments) {
		super(code + " at " + position + " " + List.of(arguments));
		this.code = code;
		this.position = position;
		this.arguments = List.of(arguments);
	}

	public String code() {
		return code;
	}

	public String messageKey() {
		return "segments.filter." + code;
	}

	public int position() {
		return position;
	}

	public Object[] arguments() {
		return arguments.toArray();
	}
}
