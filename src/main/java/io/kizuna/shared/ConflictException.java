package io.kizuna.shared;

/** The request clashes with existing state (for example a duplicate external id); rendered as a 409 problem. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CONFLICT)
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}
