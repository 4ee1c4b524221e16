package io.kizuna.playbooks;

/** A manager's view of one assignee: open and overdue tasks, and how many of the last 30 days' closed were done. */
public record TeamMember(Long userId, String name, long open, long overdue, long completed30, long canceled30) {

	/** Share of tasks closed in the last 30 days that were completed (not canceled), 0–100, null when none. */
	public Double completionRate() {
		long closed = completed30 + canceled30;
		return closed == 0 ? null : 100.0 * completed30 / closed;
	}
}
