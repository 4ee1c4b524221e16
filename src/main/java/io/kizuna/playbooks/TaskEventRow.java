package io.kizuna.playbooks;

import java.time.Instant;

/** One thing that happened to a task (created, started, snoozed, reassigned, completed, canceled). */
public record TaskEventRow(long taskId, String title, Instant at, String kind, String actorName, String detail) {
}
