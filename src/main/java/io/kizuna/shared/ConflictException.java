package io.kizuna.shared;

/** The request clashes with existing state (for example a duplicate external id); rendered as a 409 problem. */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}
