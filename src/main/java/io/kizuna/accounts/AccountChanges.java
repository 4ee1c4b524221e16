package io.kizuna.accounts;

import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The edits made on account 360, kept for the account's timeline. */
@Repository
class AccountChanges {

	static final int MAX_VALUE = 500;

	private final JdbcClient jdbc;

	AccountChanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(WorkspaceId workspace, long accountId, String actor, String kind, String subject, String oldValue,
			String newValue) {
		jdbc.sql("""
				insert into account_change (workspace_id, account_id, actor, kind, subject, old_value, new_value)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(workspace.value(), accountId, actor, kind, bounded(subject), bounded(oldValue), bounded(newValue))
			.update();
	}

	List<AccountChange> of(WorkspaceId workspace, long accountId, int limit) {
		return jdbc.sql("""
				select change_id, occurred_at, actor, kind, subject, old_value, new_value from account_change
				where workspace_id = ? and account_id = ? order by occurred_at desc, change_id desc limit ?""")
			.params(workspace.value(), accountId, limit)
			.query((rs, row) -> new AccountChange(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
			.list();
	}

	static String bounded(String text) {
		return text == null || text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
	}
}
