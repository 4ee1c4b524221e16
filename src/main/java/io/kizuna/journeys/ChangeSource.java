package io.kizuna.journeys;

/** What changed a stage. */
public enum ChangeSource {

	/** The stage the account had when journeys first saw it. */
	INITIAL,
	/** A user set it (account 360, the API). */
	MANUAL,
	/** A stage rule matched. */
	RULE,
	/** The account's lifecycle_stage was changed elsewhere (the account page, an accounts import, an SDK's traits). */
	ACCOUNT,
	/** A stage-history import. */
	IMPORT,
	/** Its stage was removed and its accounts moved. */
	REMOVED,
	/** The demo workspace. */
	DEMO;

	public String code() {
		return name().toLowerCase();
	}

	static ChangeSource of(String code) {
		return valueOf(code.toUpperCase());
	}
}
