package io.kizuna.workspace;

import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Who changed what, when, and from where. */
@Repository
class AuditLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void record(WorkspaceId workspace, String actor, String action, String target, Map<String, ?> detail) {
		jdbc.sql("insert into audit_log (workspace_id, actor, action, target, detail) values (?, ?, ?, ?, ?::jsonb)")
			.params(workspace.value(), actor, action, target, json.writeValueAsString(detail))
			.update();
	}
}
