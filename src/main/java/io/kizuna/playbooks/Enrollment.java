package io.kizuna.playbooks;

import java.time.Instant;

/** One account's run through a playbook: its number (1 for the first), status (active, completed, exited). */
public record Enrollment(long id, long playbookId, long accountId, String accountExternalId, String accountName,
		int number, int version, String status, String triggerKey, Instant enrolledAt, Instant endedAt,
		String endReason) {
}
