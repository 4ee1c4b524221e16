package io.kizuna.shared;

/** The tenant every row and every query is scoped by. */
public record WorkspaceId(long value) {

	public WorkspaceId {
		if (value <= 0) {
			throw new IllegalArgumentException("workspace id must be positive");
		}
	}

	@Override
	public String toString() {
		return Long.toString(value);
	}
}
