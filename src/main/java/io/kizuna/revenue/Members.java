package io.kizuna.revenue;

import java.util.Map;

import io.kizuna.accounts.AccountFilter;

/**
 * Only a saved segment's members: the accounts module's filter as an {@code " and …"} condition on a row with
 * {@code workspace_id} and {@code account_id}. It reads the members the segments module publishes, so revenue (below
 * segments) never calls segments' code; empty for every account.
 */
final class Members {

	private Members() {
	}

	static String of(String alias, Long segmentId, Map<String, Object> params) {
		return new AccountFilter(null, null, null, null, segmentId).sql(alias, params);
	}
}
