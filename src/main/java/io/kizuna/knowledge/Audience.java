package io.kizuna.knowledge;

/** Who searches: a help-center visitor (published public articles only), an agent in the app, or an API client. */
public enum Audience {
	PUBLIC, AGENT, API;

	boolean publicOnly() {
		return this == PUBLIC;
	}
}
