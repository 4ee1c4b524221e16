package io.kizuna.workspace;

import io.kizuna.shared.WorkspaceId;

/** A person who signs in to a workspace. */
public record User(WorkspaceId workspaceId, long id, String email, String displayName, Role role, boolean disabled) {
}
