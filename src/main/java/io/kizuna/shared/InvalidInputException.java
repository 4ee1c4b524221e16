package io.kizuna.shared;

import java.util.List;

/** Input that a user must correct; rendered as a 400 problem with every violation listed. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
public class InvalidInputException extends RuntimeException {

	private final List<String> errors;

	public InvalidInputException(String message) {
		this(message, List.of());
	}

	public InvalidInputException(String message, List<String> errors) {
		super(message);
		this.errors = List.copyOf(errors);
	}

	public List<String> errors() {
		return errors;
	}
}
