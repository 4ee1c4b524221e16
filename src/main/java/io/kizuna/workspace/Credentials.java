package io.kizuna.workspace;

import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Write keys and API tokens, stored as digests. */
@Repository
class Credentials {

	private final JdbcClient jdbc;

	Credentials(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long addWriteKey(WorkspaceId workspace, String name, String secret) {
		return jdbc.sql("""
				insert into write_key (workspace_id, name, key_hash, key_hint) values (?, ?, ?, ?)
				returning key_id""")
			.params(workspace.value(), name, Secrets.digest(secret), Secrets.hint(secret))
			.query(Long.class)
			.single();
	}

	long addApiToken(WorkspaceId workspace, String name, TokenScope scope, String secret) {
		return jdbc.sql("""
				insert into api_token (workspace_id, name, token_hash, token_hint, scope) values (?, ?, ?, ?, ?)
				returning token_id""")
			.params(workspace.value(), name, Secrets.digest(secret), Secrets.hint(secret), scope.code())
			.query(Long.class)
			.single();
	}

	boolean writeKeyExists(String secret) {
		return jdbc.sql("select count(*) from write_key where key_hash = ?")
			.param(Secrets.digest(secret))
			.query(Long.class)
			.single() > 0;
	}

	boolean apiTokenExists(String secret) {
		return jdbc.sql("select count(*) from api_token where token_hash = ?")
			.param(Secrets.digest(secret))
			.query(Long.class)
			.single() > 0;
	}

	/** Looks a key up and records its use at most once a minute, so hot keys do not rewrite their row per call. */
	Optional<WorkspaceId> useWriteKey(String secret) {
		return jdbc.sql("""
				with found as (
				    select workspace_id, key_id, last_used_at from write_key
				    where key_hash = ? and revoked_at is null),
				touched as (
				    update write_key k set last_used_at = now() from found f
				    where k.workspace_id = f.workspace_id and k.key_id = f.key_id
				      and (f.last_used_at is null or f.last_used_at < now() - interval '1 minute'))
				select workspace_id from found""")
			.param(Secrets.digest(secret))
			.query((rs, row) -> new WorkspaceId(rs.getLong(1)))
			.optional();
	}

	Optional<ApiClient> useApiToken(String secret) {
		return jdbc.sql("""
				with found as (
				    select workspace_id, token_id, scope, last_used_at from api_token
				    where token_hash = ? and revoked_at is null),
				touched as (
				    update api_token t set last_used_at = now() from found f
				    where t.workspace_id = f.workspace_id and t.token_id = f.token_id
				      and (f.last_used_at is null or f.last_used_at < now() - interval '1 minute'))
				select workspace_id, token_id, scope from found""")
			.param(Secrets.digest(secret))
			.query((rs, row) -> new ApiClient(new WorkspaceId(rs.getLong(1)), rs.getLong(2),
					TokenScope.fromCode(rs.getString(3))))
			.optional();
	}

	boolean revokeWriteKey(WorkspaceId workspace, long keyId) {
		return jdbc.sql("update write_key set revoked_at = now() where workspace_id = ? and key_id = ? and revoked_at is null")
			.params(workspace.value(), keyId)
			.update() == 1;
	}

	boolean revokeApiToken(WorkspaceId workspace, long tokenId) {
		return jdbc.sql("update api_token set revoked_at = now() where workspace_id = ? and token_id = ? and revoked_at is null")
			.params(workspace.value(), tokenId)
			.update() == 1;
	}

	List<KeySummary> writeKeys(WorkspaceId workspace) {
		return jdbc.sql("""
				select key_id, name, key_hint, 'write', created_at, last_used_at, revoked_at, allowed_origins
				from write_key where workspace_id = ? order by key_id""")
			.param(workspace.value())
			.query(Credentials::summary)
			.list();
	}

	List<KeySummary> apiTokens(WorkspaceId workspace) {
		return jdbc.sql("""
				select token_id, name, token_hint, scope, created_at, last_used_at, revoked_at, '{}'::text[]
				from api_token where workspace_id = ? order by token_id""")
			.param(workspace.value())
			.query(Credentials::summary)
			.list();
	}

	private static KeySummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new KeySummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
				List.of((String[]) rs.getArray(8).getArray()));
	}

	private static java.time.Instant instant(java.sql.Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
