package io.kizuna.accounts;

import java.util.Locale;

public enum SubscriptionStatus {

	TRIAL, ACTIVE, PAST_DUE, CANCELED;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static SubscriptionStatus fromCode(String code) {
		for (SubscriptionStatus status : values()) {
			if (status.code().equalsIgnoreCase(code)) {
				return status;
			}
		}
		throw new io.kizuna.shared.InvalidInputException("status: one of trial, active, past_due, canceled, not " + code);
	}
}
