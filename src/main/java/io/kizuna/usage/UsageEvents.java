package io.kizuna.usage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Stored usage read back: an account's events, the workspace's latest events and refused calls. */
@Service
public class UsageEvents {

	public static final int MAX_PAGE = 500;

	private static final String COLUMNS = """
			received_at, occurred_at, message_id, type, event_name, user_id, anonymous_id, account_id, write_key_id,
			properties::text, context::text""";

	private final JdbcClient jdbc;

	private final IgnoredTraits ignoredTraits;

	UsageEvents(JdbcClient jdbc, IgnoredTraits ignoredTraits) {
		this.jdbc = jdbc;
		this.ignoredTraits = ignoredTraits;
	}

	/**
	 * An account's events with {@code from <= occurredAt < to}, newest first, optionally of one event name (a track's
	 * event, a page's or screen's name); {@code size + 1} rows are read so the caller knows whether more follow.
	 */
	public List<StoredEvent> accountEvents(WorkspaceId workspace, long accountId, Instant from, Instant to,
			String eventName, int page, int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE) {
			throw new InvalidInputException("page must be >= 0 and size between 1 and " + MAX_PAGE);
		}
		if (!from.isBefore(to)) {
			throw new InvalidInputException("from must be before to");
		}
		return jdbc.sql("select " + COLUMNS + """
				 from event where workspace_id = :ws and account_id = :account
				  and occurred_at >= :from and occurred_at < :to
				  and (cast(:name as text) is null or event_name = :name)
				order by occurred_at desc, message_id limit :limit offset :offset""")
			.param("ws", workspace.value())
			.param("account", accountId)
			.param("from", java.sql.Timestamp.from(from))
			.param("to", java.sql.Timestamp.from(to))
			.param("name", eventName)
			.param("limit", size + 1)
			.param("offset", (long) page * size)
			.query(UsageEvents::event)
			.list();
	}

	/** The workspace's latest events, newest received first. */
	public List<StoredEvent> latest(WorkspaceId workspace, EventQuery query, int limit) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from event where workspace_id = ?");
		List<Object> params = new ArrayList<>(List.of(workspace.value()));
		if (query.writeKeyId() != null) {
			sql.append(" and write_key_id = ?");
			params.add(query.writeKeyId());
		}
		if (query.type() != null) {
			sql.append(" and type = ?");
			params.add(query.type());
		}
		if (query.eventName() != null) {
			sql.append(" and event_name = ?");
			params.add(query.eventName());
		}
		if (query.user() != null) {
			sql.append(" and (user_id = ? or anonymous_id = ?)");
			params.add(query.user());
			params.add(query.user());
		}
		sql.append(" order by received_at desc, message_id limit ?");
		params.add(Math.min(Math.max(limit, 1), MAX_PAGE));
		return jdbc.sql(sql.toString()).params(params).query(UsageEvents::event).list();
	}

	/** The latest calls refused as invalid, newest first. */
	public List<RejectedCall> rejections(WorkspaceId workspace, Long writeKeyId, int limit) {
		return jdbc.sql("""
				select received_at, write_key_id, endpoint, reason, body_sample from ingestion_rejection
				where workspace_id = ? and (cast(? as bigint) is null or write_key_id = ?)
				order by rejection_id desc limit ?""")
			.params(workspace.value(), writeKeyId, writeKeyId, Math.min(Math.max(limit, 1), MAX_PAGE))
			.query((rs, row) -> new RejectedCall(rs.getTimestamp(1).toInstant(), (Long) rs.getObject(2),
					rs.getString(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	/** The traits of these events' group calls that were not applied (an unknown tier or stage, ADR 0028). */
	public List<IgnoredTrait> ignoredTraits(WorkspaceId workspace, java.util.Collection<String> messageIds) {
		return ignoredTraits.of(workspace, messageIds);
	}

	/** Identities whose events wait for the attribution worker (ADR 0041). */
	public java.util.Set<String> waitingForAttribution(WorkspaceId workspace) {
		return new java.util.HashSet<>(jdbc.sql("select identity from attribution_pending where workspace_id = ? and kind = 'u'")
			.param(workspace.value())
			.query(String.class)
			.list());
	}

	private static StoredEvent event(ResultSet rs, int row) throws SQLException {
		return new StoredEvent(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8),
				(Long) rs.getObject(9), rs.getString(10), rs.getString(11));
	}
}
