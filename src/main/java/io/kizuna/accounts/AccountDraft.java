package io.kizuna.accounts;

import java.util.Map;

/**
 * Fields to create or change an account with. On update a null field is left as it is; attributes are merged
 * key by key (a null value removes the key).
 */
public record AccountDraft(String name, String domain, String industry, String tier, Long ownerUserId,
		String lifecycleStage, String parentExternalId, Map<String, Object> attributes) {

	public static AccountDraft named(String name) {
		return new AccountDraft(name, null, null, null, null, null, null, null);
	}
}
