package io.kizuna.support;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who else has a ticket open (ADR 0137): each open ticket page sends a heartbeat every few seconds, kept in
 * PostgreSQL ({@code support_ticket_viewer}, unlogged) so that every app node sees every agent; a viewer whose
 * heartbeat is older than {@link #EXPIRY_SECONDS} has left. Times are the database's, never a node's clock. Every
 * statement is scoped by workspace, and a ticket of another workspace is not found.
 */
@Service
public class TicketViewers {

	/** Three missed heartbeats of 5 s and a little slack. */
	static final int EXPIRY_SECONDS = 16;

	/** A keystroke in the reply box reported this recently counts as typing. */
	static final int TYPING_SECONDS = 10;

	private final JdbcClient jdbc;

	private final Tickets tickets;

	private final UserManagement people;

	TicketViewers(JdbcClient jdbc, Tickets tickets, UserManagement people) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.people = people;
	}

	/** Another agent with the ticket open: their display name, and whether they are typing a reply. */
	public record Viewer(long userId, String name, boolean typing) {
	}

	/**
	 * The heartbeat of {@code user} on a ticket (typing: a keystroke in the reply box since the last one); answers the
	 * other agents who have it open now, by name.
	 */
	public List<Viewer> heartbeat(WorkspaceId ws, long ticketId, User user, boolean typing) {
		tickets.find(ws, ticketId).orElseThrow(() -> new NotFoundException("no ticket " + ticketId));
		jdbc.sql("""
				insert into support_ticket_viewer (workspace_id, ticket_id, user_id, seen_at, typing_at)
				values (:ws, :ticket, :user, now(), case when :typing then now() end)
				on conflict (workspace_id, ticket_id, user_id) do update set seen_at = now(),
				    typing_at = case when :typing then now() else support_ticket_viewer.typing_at end""")
			.param("ws", ws.value()).param("ticket", ticketId).param("user", user.id()).param("typing", typing)
			.update();
		// each agent clears only their own old rows (tickets they left without a goodbye): no two requests fight
		jdbc.sql("""
				delete from support_ticket_viewer where workspace_id = :ws and user_id = :user
				  and seen_at < now() - make_interval(secs => :expiry)""")
			.param("ws", ws.value()).param("user", user.id()).param("expiry", EXPIRY_SECONDS).update();
		List<long[]> others = jdbc.sql("""
				select user_id, typing_at > now() - make_interval(secs => :typing) from support_ticket_viewer
				where workspace_id = :ws and ticket_id = :ticket and user_id <> :user
				  and seen_at > now() - make_interval(secs => :expiry)
				order by user_id""")
			.param("ws", ws.value()).param("ticket", ticketId).param("user", user.id())
			.param("expiry", EXPIRY_SECONDS).param("typing", TYPING_SECONDS)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getBoolean(2) ? 1 : 0 })
			.list();
		if (others.isEmpty()) {
			return List.of();
		}
		Map<Long, User> users = people.users(ws).stream().filter(u -> !u.disabled())
			.collect(Collectors.toMap(User::id, Function.identity()));
		return others.stream().filter(o -> users.containsKey(o[0]))
			.map(o -> new Viewer(o[0], users.get(o[0]).displayName(), o[1] == 1))
			.toList();
	}

	/** The page was left: the agent stops showing at once instead of at expiry. */
	public void leave(WorkspaceId ws, long ticketId, User user) {
		tickets.find(ws, ticketId).orElseThrow(() -> new NotFoundException("no ticket " + ticketId));
		jdbc.sql("delete from support_ticket_viewer where workspace_id = :ws and ticket_id = :ticket and user_id = :user")
			.param("ws", ws.value()).param("ticket", ticketId).param("user", user.id()).update();
	}
}
