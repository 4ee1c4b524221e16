package io.kizuna.workspace;

/** A page of the audit log, newest first, optionally for one action and one actor. */
public record AuditQuery(String action, String actor, int page, int size) {

	public static final int MAX_SIZE = 200;

	public AuditQuery {
		action = blank(action) ? null : action.strip();
		actor = blank(actor) ? null : actor.strip();
		page = Math.max(0, page);
		size = Math.max(1, Math.min(MAX_SIZE, size));
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
