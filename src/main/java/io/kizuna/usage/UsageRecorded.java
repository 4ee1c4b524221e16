package io.kizuna.usage;

import java.time.LocalDate;

import io.kizuna.shared.WorkspaceId;

/** Daily rollups of a workspace were brought up to date for the days between {@code from} and {@code to}. */
public record UsageRecorded(WorkspaceId workspaceId, int accountDays, LocalDate from, LocalDate to) {
}
