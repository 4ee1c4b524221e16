package io.kizuna.journeys;

import java.time.Instant;

/**
 * One change of an account's stage: from (null for its first stage) and to, when, and by whom ({@code userName}) or
 * what ({@code source}: manual, rule, account, import, removed, initial, demo; {@code ruleId} for a rule).
 */
public record StageChange(String accountExternalId, String fromStage, String toStage, Instant changedAt,
		ChangeSource source, String userName, Long ruleId) {
}
