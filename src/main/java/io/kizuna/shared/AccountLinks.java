package io.kizuna.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paths to accounts by their external id, which may hold any character. */
public final class AccountLinks {

	private AccountLinks() {
	}

	public static String encode(String externalId) {
		return URLEncoder.encode(externalId, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
