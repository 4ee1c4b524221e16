package io.kizuna.workspace;

import io.kizuna.shared.WorkspaceId;

/** Who is calling the REST API: the workspace an API token belongs to and what it may do. */
public record ApiClient(WorkspaceId workspaceId, long tokenId, TokenScope scope) {

	public boolean canWrite() {
		return scope == TokenScope.READ_WRITE;
	}
}
