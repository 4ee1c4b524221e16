package io.kizuna.accounts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum SubscriptionStatus {

	TRIAL, ACTIVE, PAST_DUE, CANCELED;

	/** Its code, in the API, CSV files and messages: lower snake case like every code of the API (ADR 0047). */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Case-insensitive, so the upper-case names the API showed before are still read. */
	@JsonCreator
	public static SubscriptionStatus fromCode(String code) {
		for (SubscriptionStatus status : values()) {
			if (status.code().equalsIgnoreCase(code)) {
				return status;
			}
		}
		throw new io.kizuna.shared.InvalidInputException("status: one of trial, active, past_due, canceled, not " + code);
	}
}
