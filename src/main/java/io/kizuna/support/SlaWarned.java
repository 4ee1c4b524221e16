package io.kizuna.support;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Tickets whose SLA clocks came within their policy's warning time of a breach; one event per watch run. */
public record SlaWarned(WorkspaceId workspaceId, List<SlaAlert> tickets) {

	public SlaWarned {
		tickets = List.copyOf(tickets);
	}
}
