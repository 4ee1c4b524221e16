package io.kizuna.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paths to accounts by their external id, which may hold any character. */
final class AccountLinks {

	private AccountLinks() {
	}

	static String encode(String externalId) {
		return URLEncoder.encode(externalId, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
