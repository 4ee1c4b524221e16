package io.kizuna.support;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Tickets whose SLA clocks passed their due time unmet; one event per watch run (and workspace). */
public record SlaBreached(WorkspaceId workspaceId, List<SlaAlert> tickets) {

	public SlaBreached {
		tickets = List.copyOf(tickets);
	}
}
