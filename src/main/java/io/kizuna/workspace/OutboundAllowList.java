package io.kizuna.workspace;

import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboundAllowList {

	private final JdbcClient jdbc;

	OutboundAllowList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<String> entries(WorkspaceId workspace) {
		return jdbc.sql("select entry from outbound_allow_entry where workspace_id = ? order by entry")
			.param(workspace.value())
			.query(String.class)
			.list();
	}

	void replace(WorkspaceId workspace, List<String> entries) {
		jdbc.sql("delete from outbound_allow_entry where workspace_id = ?").param(workspace.value()).update();
		for (String entry : entries) {
			jdbc.sql("insert into outbound_allow_entry (workspace_id, entry) values (?, ?)")
				.params(workspace.value(), entry)
				.update();
		}
	}
}
