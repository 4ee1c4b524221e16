package io.kizuna.workspace;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** An active write key as ingestion sees it: its workspace and the browser origins it may be used from. */
public record IngestionKey(WorkspaceId workspace, long keyId, List<String> allowedOrigins) {

	public IngestionKey {
		allowedOrigins = List.copyOf(allowedOrigins);
	}

	/** Whether a browser page of this origin may send calls with this key. */
	public boolean allows(String origin) {
		if (allowedOrigins.contains("*")) {
			return true;
		}
		// "null" (sandboxed frames, file: pages) and other non-origins normalise to null: only "*" allows them.
		String normalised = WriteKeyOrigins.normalise(origin);
		return normalised != null && allowedOrigins.contains(normalised);
	}
}
