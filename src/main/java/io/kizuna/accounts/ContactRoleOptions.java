package io.kizuna.accounts;

import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ContactRoleOptions {

	private final JdbcClient jdbc;

	ContactRoleOptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The workspace's own roles, or the standard ones while it has none. */
	List<ContactRoleOption> of(WorkspaceId workspace) {
		List<ContactRoleOption> own = jdbc.sql("""
				select code, label_ja, label_en from contact_role_option where workspace_id = ? order by position, code""")
			.param(workspace.value())
			.query((rs, row) -> new ContactRoleOption(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return own.isEmpty() ? ContactRoleOption.STANDARD : own;
	}

	void replace(WorkspaceId workspace, List<ContactRoleOption> options) {
		jdbc.sql("delete from contact_role_option where workspace_id = ?").param(workspace.value()).update();
		for (int i = 0; i < options.size(); i++) {
			ContactRoleOption option = options.get(i);
			jdbc.sql("""
					insert into contact_role_option (workspace_id, code, label_ja, label_en, position)
					values (?, ?, ?, ?, ?)""")
				.params(workspace.value(), option.code(), option.labelJa(), option.labelEn(), i)
				.update();
		}
	}
}
