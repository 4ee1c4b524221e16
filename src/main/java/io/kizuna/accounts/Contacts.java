package io.kizuna.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Contacts {

	private static final String SELECT = """
			select c.contact_id, c.external_id, c.email, c.name, c.role, a.external_id, c.first_seen_at, c.last_seen_at,
			       c.traits, c.account_role
			from contact c
			left join account a on a.workspace_id = c.workspace_id and a.account_id = c.account_id
			""";

	private final JdbcClient jdbc;

	private final JsonColumns json;

	Contacts(JdbcClient jdbc, JsonColumns json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<Contact> find(WorkspaceId workspace, String externalId) {
		return jdbc.sql(SELECT + " where c.workspace_id = ? and c.external_id = ?")
			.params(workspace.value(), externalId)
			.query(this::map)
			.optional();
	}

	/** Inserts or merges; first seen only ever moves earlier and last seen only later. */
	void upsert(WorkspaceId workspace, String externalId, ContactDraft draft, Long accountId) {
		jdbc.sql("""
				insert into contact as c (workspace_id, external_id, email, name, role, account_id, first_seen_at,
				                          last_seen_at, traits)
				values (:ws, :externalId, :email, :name, :role, :account, :seen, :seen,
				        jsonb_strip_nulls(cast(:traits as jsonb)))
				on conflict (workspace_id, external_id) do update set
				    email = coalesce(:email, c.email),
				    name = coalesce(:name, c.name),
				    role = coalesce(:role, c.role),
				    account_id = coalesce(:account, c.account_id),
				    first_seen_at = least(c.first_seen_at, excluded.first_seen_at),
				    last_seen_at = greatest(c.last_seen_at, excluded.last_seen_at),
				    traits = jsonb_strip_nulls(c.traits || cast(:traits as jsonb)),
				    updated_at = now()""")
			.param("ws", workspace.value())
			.param("externalId", externalId)
			.param("email", draft.email())
			.param("name", draft.name())
			.param("role", draft.role())
			.param("account", accountId)
			.param("seen", draft.seenAt() == null ? null : Timestamp.from(draft.seenAt()))
			.param("traits", json.write(draft.traits()))
			.update();
	}

	Page<Contact> list(WorkspaceId workspace, Long accountId, String text, int page, int size) {
		StringBuilder where = new StringBuilder(" where c.workspace_id = :ws");
		Map<String, Object> params = new HashMap<>();
		params.put("ws", workspace.value());
		if (accountId != null) {
			where.append(" and c.account_id = :account");
			params.put("account", accountId);
		}
		if (text != null && !text.isBlank()) {
			where.append(" and (c.name ilike :text or c.email ilike :text or c.external_id ilike :text)");
			params.put("text", "%" + AccountFilter.likeEscape(text.trim()) + "%");
		}
		long total = jdbc.sql("select count(*) from contact c" + where).params(params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Contact> items = jdbc.sql(SELECT + where + " order by c.last_seen_at desc nulls last, c.contact_id limit :limit offset :offset")
			.params(params)
			.query(this::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	void setAccountRole(WorkspaceId workspace, long contactId, String role) {
		jdbc.sql("update contact set account_role = ?, updated_at = now() where workspace_id = ? and contact_id = ?")
			.params(role, workspace.value(), contactId)
			.update();
	}

	Map<Long, Optional<Instant>> lastSeenWithRole(WorkspaceId workspace, String role) {
		Map<Long, Optional<Instant>> seen = new HashMap<>();
		jdbc.sql("""
				select account_id, max(last_seen_at) from contact
				where workspace_id = ? and account_role = ? and account_id is not null group by account_id""")
			.params(workspace.value(), role)
			.query(rs -> {
				seen.put(rs.getLong(1), Optional.ofNullable(instant(rs.getTimestamp(2))));
			});
		return seen;
	}

	/** The account each user belongs to, for resolving events to accounts. */
	Map<String, Long> accountIdsByUser(WorkspaceId workspace, Collection<String> userIds) {
		Map<String, Long> accounts = new HashMap<>();
		if (userIds.isEmpty()) {
			return accounts;
		}
		jdbc.sql("""
				select external_id, account_id from contact
				where workspace_id = ? and external_id = any(?) and account_id is not null""")
			.params(workspace.value(), userIds.toArray(String[]::new))
			.query(rs -> {
				accounts.put(rs.getString(1), rs.getLong(2));
			});
		return accounts;
	}

	/** Records activity seen through events, one statement per batch. */
	void touch(WorkspaceId workspace, Map<String, Instant[]> firstAndLastSeenByUser) {
		if (firstAndLastSeenByUser.isEmpty()) {
			return;
		}
		String[] users = firstAndLastSeenByUser.keySet().toArray(String[]::new);
		// pgjdbc binds long[] natively; the instants travel as microseconds since the epoch (exact, and no text to
		// format for the hundreds of users of a batch, most of whom have no contact).
		long[] first = new long[users.length];
		long[] last = new long[users.length];
		for (int i = 0; i < users.length; i++) {
			Instant[] seen = firstAndLastSeenByUser.get(users[i]);
			first[i] = micros(seen[0]);
			last[i] = micros(seen[1]);
		}
		// Rows are locked in contact_id order first: an UPDATE … FROM locks in join order, so two concurrent batches
		// touching the same users could otherwise deadlock.
		jdbc.sql("""
				with seen as (
				    select user_id, timestamptz 'epoch' + first_us * interval '1 microsecond' as first_seen,
				           timestamptz 'epoch' + last_us * interval '1 microsecond' as last_seen
				    from unnest(?::text[], ?::bigint[], ?::bigint[]) as s(user_id, first_us, last_us)),
				target as (
				    select c.contact_id, seen.first_seen, seen.last_seen
				    from contact c join seen on c.external_id = seen.user_id
				    where c.workspace_id = ?
				      and (c.last_seen_at is null or c.last_seen_at < seen.last_seen
				           or c.first_seen_at is null or c.first_seen_at > seen.first_seen)
				    order by c.contact_id
				    for update of c)
				update contact c set
				    first_seen_at = least(c.first_seen_at, t.first_seen),
				    last_seen_at = greatest(c.last_seen_at, t.last_seen)
				from target t
				where c.workspace_id = ? and c.contact_id = t.contact_id""")
			.params(users, first, last, workspace.value(), workspace.value())
			.update();
	}

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private Contact map(ResultSet rs, int row) throws SQLException {
		return new Contact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), json.read(rs.getString(9)),
				rs.getString(10));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
