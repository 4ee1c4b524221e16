package io.kizuna.text;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Rising issues were detected in a workspace (one event per detection pass). */
public record TextIssueRose(WorkspaceId workspace, List<RisingIssue> issues) {

	public TextIssueRose {
		issues = List.copyOf(issues);
	}
}
