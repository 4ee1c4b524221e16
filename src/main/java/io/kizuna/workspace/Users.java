package io.kizuna.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Users {

	private static final String COLUMNS = "workspace_id, user_id, email, display_name, role, disabled";

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	User add(WorkspaceId workspace, String email, String displayName, String passwordHash, Role role) {
		return jdbc.sql("""
				insert into app_user (workspace_id, email, display_name, password_hash, role) values (?, ?, ?, ?, ?)
				returning""" + " " + COLUMNS)
			.params(workspace.value(), email.trim(), displayName, passwordHash, role.code())
			.query(Users::map)
			.single();
	}

	Optional<User> findByEmail(String email) {
		return jdbc.sql("select " + COLUMNS + " from app_user where lower(email) = lower(?)")
			.param(email.trim())
			.query(Users::map)
			.optional();
	}

	Optional<String> passwordHash(String email) {
		return jdbc.sql("select password_hash from app_user where lower(email) = lower(?)")
			.param(email.trim())
			.query(String.class)
			.optional();
	}

	Optional<User> find(WorkspaceId workspace, long userId) {
		return jdbc.sql("select " + COLUMNS + " from app_user where workspace_id = ? and user_id = ?")
			.params(workspace.value(), userId)
			.query(Users::map)
			.optional();
	}

	void setRole(WorkspaceId workspace, long userId, Role role) {
		jdbc.sql("update app_user set role = ? where workspace_id = ? and user_id = ?")
			.params(role.code(), workspace.value(), userId)
			.update();
	}

	void setDisabled(WorkspaceId workspace, long userId, boolean disabled) {
		jdbc.sql("update app_user set disabled = ? where workspace_id = ? and user_id = ?")
			.params(disabled, workspace.value(), userId)
			.update();
	}

	void setPassword(WorkspaceId workspace, long userId, String passwordHash, boolean changeRequired) {
		jdbc.sql("""
				update app_user set password_hash = ?, password_change_required = ?, password_changed_at = now()
				where workspace_id = ? and user_id = ?""")
			.params(passwordHash, changeRequired, workspace.value(), userId)
			.update();
	}

	boolean passwordChangeRequired(String email) {
		return jdbc.sql("select password_change_required from app_user where lower(email) = lower(?)")
			.param(email.trim())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	List<User> all(WorkspaceId workspace) {
		return jdbc.sql("select " + COLUMNS + " from app_user where workspace_id = ? order by user_id")
			.param(workspace.value())
			.query(Users::map)
			.list();
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		return new User(new WorkspaceId(rs.getLong(1)), rs.getLong(2), rs.getString(3), rs.getString(4),
				Role.fromCode(rs.getString(5)), rs.getBoolean(6));
	}
}
