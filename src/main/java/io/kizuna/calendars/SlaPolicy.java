package io.kizuna.calendars;

/**
 * An SLA policy: targets in business minutes on a calendar (null = not measured), a warning so many minutes before a
 * breach, and the criteria that choose it (null = any): ticket priority, account tier, a segment the account is in,
 * the account itself. Policies are tried in {@code position} order; the first whose criteria all match applies.
 */
public record SlaPolicy(String key, String name, int position, String calendarKey, String priority, String tier,
		String segmentKey, Long accountId, Integer firstResponseMinutes, Integer nextResponseMinutes,
		Integer resolutionMinutes, int warningMinutes) {

	/** Whether every criterion this policy sets matches the ticket. */
	public boolean matches(SlaQuery query) {
		return (priority == null || priority.equals(query.priority())) && (tier == null || tier.equals(query.tier()))
				&& (segmentKey == null || query.segmentKeys().contains(segmentKey))
				&& (accountId == null || accountId.equals(query.accountId()));
	}
}
