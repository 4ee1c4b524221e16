package io.kizuna.accounts;

import java.util.Map;

/**
 * The filters every list of accounts offers — search over name, domain and external id, tier, lifecycle stage,
 * owner — written as SQL once, here (ADR 0020). Other modules join {@link #VIEW}, the accounts module's published
 * view of its accounts, and append {@link #sql}: a plain view the planner inlines, so their joins keep the
 * account indexes (trigram search, tier, stage, owner) they were measured with. Null or blank means any.
 */
public record AccountFilter(String text, String tier, String lifecycleStage, Long ownerUserId, Long segmentId) {

	/** The accounts module's published view of its accounts: the only name other modules' SQL may use for them. */
	public static final String VIEW = "accounts_v_account";

	public static final AccountFilter ANY = new AccountFilter(null, null, null, null);

	/**
	 * Segment members as the segments module publishes them (ADR 0052): read here as a view, so that no module
	 * below segments calls its code.
	 */
	static final String SEGMENT_MEMBERS = "segments_v_member";

	public AccountFilter(String text, String tier, String lifecycleStage, Long ownerUserId) {
		this(text, tier, lifecycleStage, ownerUserId, null);
	}

	public AccountFilter {
		text = text == null || text.isBlank() ? null : text.trim();
	}

	public boolean isEmpty() {
		return text == null && tier == null && lifecycleStage == null && ownerUserId == null && segmentId == null;
	}

	/**
	 * The filters as {@code " and …"} conditions on the account under {@code alias} (the table in the accounts
	 * module, {@link #VIEW} elsewhere); every value becomes a named parameter put into {@code params}, never text.
	 */
	public String sql(String alias, Map<String, Object> params) {
		StringBuilder where = new StringBuilder();
		if (text != null) {
			where.append(" and (" + alias + ".name ilike :text or " + alias + ".domain ilike :text or " + alias
					+ ".external_id ilike :text)");
			params.put("text", "%" + likeEscape(text) + "%");
		}
		if (tier != null) {
			where.append(" and " + alias + ".tier = :tier");
			params.put("tier", tier);
		}
		if (lifecycleStage != null) {
			where.append(" and " + alias + ".lifecycle_stage = :stage");
			params.put("stage", lifecycleStage);
		}
		if (ownerUserId != null) {
			where.append(" and " + alias + ".owner_user_id = :owner");
			params.put("owner", ownerUserId);
		}
		if (segmentId != null) {
			where.append(" and exists (select 1 from " + SEGMENT_MEMBERS + " sm where sm.workspace_id = " + alias
					+ ".workspace_id and sm.segment_id = :segment and sm.account_id = " + alias + ".account_id)");
			params.put("segment", segmentId);
		}
		return where.toString();
	}

	/** Escapes LIKE's wildcards, so a search for "50%" finds that text. */
	static String likeEscape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
