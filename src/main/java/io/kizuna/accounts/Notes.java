package io.kizuna.accounts;

import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Notes {

	private final JdbcClient jdbc;

	Notes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	AccountNote add(WorkspaceId workspace, Account account, String author, String body) {
		return jdbc.sql("""
				insert into account_note (workspace_id, account_id, author, body) values (?, ?, ?, ?)
				returning note_id, author, body, created_at""")
			.params(workspace.value(), account.id(), author, body)
			.query((rs, row) -> new AccountNote(rs.getLong(1), account.externalId(), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.single();
	}

	List<AccountNote> of(WorkspaceId workspace, Account account, int limit) {
		return jdbc.sql("""
				select note_id, author, body, created_at from account_note
				where workspace_id = ? and account_id = ? order by created_at desc, note_id desc limit ?""")
			.params(workspace.value(), account.id(), limit)
			.query((rs, row) -> new AccountNote(rs.getLong(1), account.externalId(), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}
}
