package io.kizuna.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Notes {

	private static final String COLUMNS = "note_id, author, body, created_at, author_user_id, edited_at";

	private final JdbcClient jdbc;

	Notes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	AccountNote add(WorkspaceId workspace, Account account, Long authorUserId, String author, String body) {
		return jdbc.sql("""
				insert into account_note (workspace_id, account_id, author_user_id, author, body) values (?, ?, ?, ?, ?)
				returning""" + " " + COLUMNS)
			.params(workspace.value(), account.id(), authorUserId, author, body)
			.query((rs, row) -> map(rs, account))
			.single();
	}

	List<AccountNote> of(WorkspaceId workspace, Account account, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from account_note
				where workspace_id = ? and account_id = ? order by created_at desc, note_id desc limit ?""")
			.params(workspace.value(), account.id(), limit)
			.query((rs, row) -> map(rs, account))
			.list();
	}

	List<AccountNote> after(WorkspaceId workspace, long afterNoteId, int limit) {
		return jdbc.sql("select n.note_id, n.author, n.body, n.created_at, n.author_user_id, n.edited_at, a.external_id"
				+ " from account_note n join account a on a.workspace_id = n.workspace_id and a.account_id = n.account_id"
				+ " where n.workspace_id = ? and n.note_id > ? order by n.note_id limit ?")
			.params(workspace.value(), afterNoteId, limit)
			.query((rs, row) -> new AccountNote(rs.getLong(1), rs.getString(7), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getObject(5, Long.class),
					rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
			.list();
	}

	Optional<AccountNote> find(WorkspaceId workspace, Account account, long noteId) {
		return jdbc.sql("select " + COLUMNS + " from account_note where workspace_id = ? and account_id = ? and note_id = ?")
			.params(workspace.value(), account.id(), noteId)
			.query((rs, row) -> map(rs, account))
			.optional();
	}

	void edit(WorkspaceId workspace, long noteId, String body) {
		jdbc.sql("update account_note set body = ?, edited_at = now() where workspace_id = ? and note_id = ?")
			.params(body, workspace.value(), noteId)
			.update();
	}

	void delete(WorkspaceId workspace, long noteId) {
		jdbc.sql("delete from account_note where workspace_id = ? and note_id = ?")
			.params(workspace.value(), noteId)
			.update();
	}

	private static AccountNote map(ResultSet rs, Account account) throws SQLException {
		return new AccountNote(rs.getLong(1), account.externalId(), rs.getString(2), rs.getString(3),
				rs.getTimestamp(4).toInstant(), rs.getObject(5, Long.class),
				rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant());
	}
}
