package io.kizuna.support;

import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.UserManagement;
import org.springframework.stereotype.Service;

/** Who takes tickets in the round robin: an agent marks themself available, with a cap of open tickets. */
@Service
public class SupportAgents {

	private final Assignment assignment;

	private final UserManagement people;

	SupportAgents(Assignment assignment, UserManagement people) {
		this.assignment = assignment;
		this.people = people;
	}

	public record AgentState(long userId, String name, boolean available, int cap, long openTickets) {
	}

	public void setAvailability(WorkspaceId ws, long userId, boolean available, int cap) {
		if (cap < 1 || cap > 10_000) {
			throw new InvalidInputException("the cap must be between 1 and 10000 open tickets");
		}
		if (people.users(ws).stream().noneMatch(u -> u.id() == userId)) {
			throw new InvalidInputException("not a user of this workspace");
		}
		assignment.setAgent(ws, userId, available, cap);
	}

	public List<AgentState> agents(WorkspaceId ws) {
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		people.users(ws).forEach(u -> names.put(u.id(), u.displayName()));
		return assignment.agents(ws).stream()
			.map(a -> new AgentState(a.userId(), names.getOrDefault(a.userId(), "?"), a.available(), a.cap(), a.open()))
			.toList();
	}
}
