package io.kizuna.shared;

/** An outbound URL Kizuna refuses to call: wrong scheme, unresolvable, or pointing inside the network. */
public class UnsafeUrlException extends InvalidInputException {

	public UnsafeUrlException(String message) {
		super(message);
	}
}
