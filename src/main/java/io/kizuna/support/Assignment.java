package io.kizuna.support;

import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Round robin among the agents marked available whose open tickets are under their cap: the one assigned longest
 * ago gets the next ticket. The agent row is locked (skip locked) so that two nodes never pick the same turn.
 */
@Component
class Assignment {

	private final JdbcClient jdbc;

	Assignment(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Long> assign(WorkspaceId ws, long ticketId) {
		boolean enabled = jdbc.sql("select round_robin from support_settings where workspace_id = :ws")
			.param("ws", ws.value()).query(Boolean.class).optional().orElse(true);
		if (!enabled) {
			return Optional.empty();
		}
		Optional<Long> agent = jdbc.sql("""
				select a.user_id from support_agent a
				where a.workspace_id = :ws and a.available
				  and (select count(*) from support_ticket t where t.workspace_id = a.workspace_id
				       and t.assignee_user_id = a.user_id and t.status in ('new', 'open', 'pending', 'on_hold')) < a.open_cap
				order by a.last_assigned_at nulls first, a.user_id
				limit 1 for update skip locked""")
			.param("ws", ws.value()).query(Long.class).optional();
		agent.ifPresent(user -> {
			jdbc.sql("update support_agent set last_assigned_at = clock_timestamp() where workspace_id = :ws and user_id = :user")
				.param("ws", ws.value()).param("user", user).update();
			jdbc.sql("""
					update support_ticket set assignee_user_id = :user, updated_at = now()
					where workspace_id = :ws and ticket_id = :ticket and assignee_user_id is null""")
				.param("ws", ws.value()).param("user", user).param("ticket", ticketId).update();
			jdbc.sql("""
					insert into support_ticket_change (workspace_id, ticket_id, field, old_value, new_value)
					values (:ws, :ticket, 'assignee', null, :user)""")
				.param("ws", ws.value()).param("ticket", ticketId).param("user", Long.toString(user)).update();
		});
		return agent;
	}

	/** Marks an agent available or not, with a cap of open tickets. */
	void setAgent(WorkspaceId ws, long userId, boolean available, int cap) {
		jdbc.sql("""
				insert into support_agent (workspace_id, user_id, available, open_cap) values (:ws, :user, :available, :cap)
				on conflict (workspace_id, user_id) do update set available = excluded.available, open_cap = excluded.open_cap""")
			.param("ws", ws.value()).param("user", userId).param("available", available).param("cap", cap).update();
	}

	record Agent(long userId, boolean available, int cap, long open) {
	}

	List<Agent> agents(WorkspaceId ws) {
		return jdbc.sql("""
				select a.user_id, a.available, a.open_cap,
				       (select count(*) from support_ticket t where t.workspace_id = a.workspace_id
				        and t.assignee_user_id = a.user_id and t.status in ('new', 'open', 'pending', 'on_hold'))
				from support_agent a where a.workspace_id = :ws order by a.user_id""")
			.param("ws", ws.value())
			.query((rs, n) -> new Agent(rs.getLong(1), rs.getBoolean(2), rs.getInt(3), rs.getLong(4)))
			.list();
	}
}
