package io.kizuna.playbooks;

import java.time.Instant;

/** A playbook: draft, active or paused; its version counts edits (enrollments keep the version they started with). */
public record Playbook(long id, String name, String status, int version, PlaybookDefinition definition,
		Instant createdAt, Instant updatedAt) {

	public static final java.util.List<String> STATUSES = java.util.List.of("draft", "active", "paused");
}
