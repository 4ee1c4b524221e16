package io.kizuna.segments;

/** Why a segment's membership was evaluated: recorded with each entry and exit. */
public enum EvaluationReason {
	CREATED, EDITED, SCORED, ACCOUNT_CHANGED, MANUAL;

	@com.fasterxml.jackson.annotation.JsonValue
	public String code() {
		return name().toLowerCase();
	}
}
