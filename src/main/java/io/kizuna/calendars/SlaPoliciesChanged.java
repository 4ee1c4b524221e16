package io.kizuna.calendars;

import io.kizuna.shared.WorkspaceId;

/** A policy was created, changed, reordered or deleted: which policy applies to a ticket may have changed. */
public record SlaPoliciesChanged(WorkspaceId workspace, String policyKey) {
}
