package io.kizuna.health;

import java.time.LocalDate;

import io.kizuna.shared.WorkspaceId;

/** Every account of a workspace was scored for a day: summaries built on the scores can be refreshed. */
public record WorkspaceRescored(WorkspaceId workspaceId, LocalDate day, int accounts) {
}
