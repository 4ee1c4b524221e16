package io.kizuna.support;

import io.kizuna.shared.InvalidInputException;

/**
 * A message that cannot be split into a new ticket, with the reason as a code the pages translate
 * ({@code support.split.refused.<reason>}): not_customer, only_message, chat.
 */
public class SplitRefused extends InvalidInputException {

	private final String reason;

	SplitRefused(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	public String reason() {
		return reason;
	}
}
