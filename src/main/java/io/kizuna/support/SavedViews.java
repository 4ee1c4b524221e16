package io.kizuna.support;

import java.util.Arrays;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Saved ticket filters; every statement scoped by workspace, an agent's private ones by owner too. */
@Repository
class SavedViews {

	private final JdbcClient jdbc;

	SavedViews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The agent's own views and the workspace's shared ones, by name. */
	List<SavedView> visibleTo(WorkspaceId ws, long userId) {
		return jdbc.sql("""
				select view_id, name, owner_user_id, shared, statuses, priorities, channels, tag, assignee
				from support_saved_view where workspace_id = :ws and (owner_user_id = :user or shared)
				order by lower(name), view_id""")
			.param("ws", ws.value()).param("user", userId)
			.query((rs, n) -> new SavedView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
					new TicketFilter(array(rs.getArray(5)), array(rs.getArray(6)), array(rs.getArray(7)),
							rs.getString(8), rs.getString(9))))
			.list();
	}

	long countOwnedBy(WorkspaceId ws, long userId) {
		return jdbc.sql("select count(*) from support_saved_view where workspace_id = :ws and owner_user_id = :user")
			.param("ws", ws.value()).param("user", userId).query(Long.class).single();
	}

	long insert(WorkspaceId ws, long userId, String name, boolean shared, TicketFilter filter) {
		return jdbc.sql("""
				insert into support_saved_view (workspace_id, owner_user_id, shared, name, statuses, priorities, channels,
				    tag, assignee)
				values (:ws, :user, :shared, :name, string_to_array(:statuses, ','), string_to_array(:priorities, ','),
				    string_to_array(:channels, ','), :tag, :assignee)
				returning view_id""")
			.param("ws", ws.value()).param("user", userId).param("shared", shared).param("name", name)
			.param("statuses", String.join(",", filter.statuses()))
			.param("priorities", String.join(",", filter.priorities()))
			.param("channels", String.join(",", filter.channels())).param("tag", filter.tag())
			.param("assignee", filter.assignee())
			.query(Long.class).single();
	}

	/** Deletes a view its owner (or, for a shared one, an admin) may delete; answers whether one was deleted. */
	boolean delete(WorkspaceId ws, long viewId, long userId, boolean admin) {
		return jdbc.sql("""
				delete from support_saved_view where workspace_id = :ws and view_id = :id
				and (owner_user_id = :user or (shared and :admin))""")
			.param("ws", ws.value()).param("id", viewId).param("user", userId).param("admin", admin).update() > 0;
	}

	private static List<String> array(java.sql.Array array) throws java.sql.SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}
}
