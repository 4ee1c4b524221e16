package io.kizuna.shared;

/** The object does not exist in the caller's workspace; rendered as a 404 problem. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}
}
