package io.kizuna.playbooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The playbook, enrollment and run-log tables. */
@Repository
class Playbooks {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Playbooks(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Playbook> list(WorkspaceId workspace) {
		return jdbc.sql("""
				select playbook_id, name, status, version, definition::text, created_at, updated_at
				from playbooks_playbook where workspace_id = ? order by name, playbook_id""")
			.param(workspace.value()).query(this::map).list();
	}

	List<Playbook> active(WorkspaceId workspace) {
		return list(workspace).stream().filter(p -> p.status().equals("active")).toList();
	}

	Optional<Playbook> find(WorkspaceId workspace, long id) {
		return jdbc.sql("""
				select playbook_id, name, status, version, definition::text, created_at, updated_at
				from playbooks_playbook where workspace_id = ? and playbook_id = ?""")
			.params(workspace.value(), id).query(this::map).optional();
	}

	Optional<Long> idByKey(WorkspaceId workspace, String key) {
		return jdbc.sql("select playbook_id from playbooks_playbook where workspace_id = ? and key = ?")
			.params(workspace.value(), key).query(Long.class).optional();
	}

	void key(WorkspaceId workspace, long id, String key) {
		jdbc.sql("update playbooks_playbook set key = ? where workspace_id = ? and playbook_id = ?")
			.params(key, workspace.value(), id).update();
	}

	long insert(WorkspaceId workspace, String name, PlaybookDefinition definition) {
		return jdbc.sql("""
				insert into playbooks_playbook (workspace_id, name, definition) values (?, ?, ?::jsonb)
				returning playbook_id""").params(workspace.value(), name, json.writeValueAsString(definition))
			.query(Long.class).single();
	}

	void update(WorkspaceId workspace, long id, String name, PlaybookDefinition definition) {
		jdbc.sql("""
				update playbooks_playbook set name = ?, definition = ?::jsonb, version = version + 1, updated_at = now()
				where workspace_id = ? and playbook_id = ?""")
			.params(name, json.writeValueAsString(definition), workspace.value(), id).update();
	}

	void status(WorkspaceId workspace, long id, String status) {
		jdbc.sql("update playbooks_playbook set status = ?, updated_at = now() where workspace_id = ? and playbook_id = ?")
			.params(status, workspace.value(), id).update();
	}

	boolean delete(WorkspaceId workspace, long id) {
		return jdbc.sql("delete from playbooks_playbook where workspace_id = ? and playbook_id = ?")
			.params(workspace.value(), id).update() > 0;
	}

	void log(WorkspaceId workspace, long playbookId, String kind, int accounts, String detail) {
		jdbc.sql("insert into playbooks_run_log (workspace_id, playbook_id, kind, accounts, detail) values (?, ?, ?, ?, ?)")
			.params(workspace.value(), playbookId, kind, accounts, detail).update();
	}

	List<RunLogEntry> runLog(WorkspaceId workspace, long playbookId, int limit) {
		return jdbc.sql("""
				select at, kind, accounts, detail from playbooks_run_log where workspace_id = ? and playbook_id = ?
				order by at desc, log_id desc limit ?""").params(workspace.value(), playbookId, limit)
			.query((rs, n) -> new RunLogEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getInt(3),
					rs.getString(4)))
			.list();
	}

	List<Enrollment> enrollments(WorkspaceId workspace, long playbookId, int limit) {
		return jdbc.sql("""
				select e.enrollment_id, e.playbook_id, e.account_id, a.external_id, a.name, e.number, e.version,
				       e.status, e.trigger_key, e.enrolled_at, e.ended_at, e.end_reason
				from playbooks_enrollment e
				join accounts_v_account a on a.workspace_id = e.workspace_id and a.account_id = e.account_id
				where e.workspace_id = ? and e.playbook_id = ? order by e.enrolled_at desc, e.enrollment_id desc limit ?""")
			.params(workspace.value(), playbookId, limit)
			.query((rs, n) -> new Enrollment(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
					rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9),
					rs.getTimestamp(10).toInstant(), rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(),
					rs.getString(12)))
			.list();
	}

	private Playbook map(ResultSet rs, int n) throws SQLException {
		return new Playbook(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
				json.readValue(rs.getString(5), PlaybookDefinition.class), rs.getTimestamp(6).toInstant(),
				rs.getTimestamp(7).toInstant());
	}
}
