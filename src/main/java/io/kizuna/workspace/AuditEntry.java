package io.kizuna.workspace;

import java.time.Instant;

/** One line of the audit log: who did what to which object, when, and from which address. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String target, String detail,
		String remoteAddress) {
}
