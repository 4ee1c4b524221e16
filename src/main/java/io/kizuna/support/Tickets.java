package io.kizuna.support;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The support tables, every statement scoped by workspace. */
@Repository
class Tickets {

	static final String COLUMNS = """
			ticket_id, account_id, requester_contact_id, requester_email, requester_name, subject, status, priority,
			type, tags, channel, channel_id, assignee_user_id, merged_into_id, created_at, updated_at,
			status_changed_at, first_response_at, solved_at, closed_at""";

	static final String MESSAGE_COLUMNS = """
			message_id, ticket_id, kind, author_user_id, from_address, from_name, to_addresses, subject, body_text,
			body_html, mail_message_id, raw_id, automatic, problems, call_direction, call_seconds, delivery,
			delivery_error, created_at""";

	private final JdbcClient jdbc;

	Tickets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long v = rs.getLong(column);
		return rs.wasNull() ? null : v;
	}

	static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	static Ticket ticket(ResultSet rs, int row) throws SQLException {
		return new Ticket(rs.getLong("ticket_id"), longOrNull(rs, "account_id"), longOrNull(rs, "requester_contact_id"),
				rs.getString("requester_email"), rs.getString("requester_name"), rs.getString("subject"),
				rs.getString("status"), rs.getString("priority"), rs.getString("type"), strings(rs, "tags"),
				rs.getString("channel"), longOrNull(rs, "channel_id"), longOrNull(rs, "assignee_user_id"),
				longOrNull(rs, "merged_into_id"), instant(rs, "created_at"), instant(rs, "updated_at"),
				instant(rs, "status_changed_at"), instant(rs, "first_response_at"), instant(rs, "solved_at"),
				instant(rs, "closed_at"));
	}

	static TicketMessage message(ResultSet rs, int row) throws SQLException {
		int seconds = rs.getInt("call_seconds");
		Integer callSeconds = rs.wasNull() ? null : seconds;
		return new TicketMessage(rs.getLong("message_id"), rs.getLong("ticket_id"), rs.getString("kind"),
				longOrNull(rs, "author_user_id"), rs.getString("from_address"), rs.getString("from_name"),
				strings(rs, "to_addresses"), rs.getString("subject"), rs.getString("body_text"),
				rs.getString("body_html"), rs.getString("mail_message_id"), longOrNull(rs, "raw_id"),
				rs.getString("automatic"), strings(rs, "problems"), rs.getString("call_direction"), callSeconds,
				rs.getString("delivery"), rs.getString("delivery_error"), instant(rs, "created_at"));
	}

	/** The next number of a kind in the workspace; the counter row stays locked until the transaction ends. */
	long next(WorkspaceId ws, String kind) {
		return jdbc.sql("""
				insert into support_counter (workspace_id, kind, last) values (:ws, :kind, 1)
				on conflict (workspace_id, kind) do update set last = support_counter.last + 1 returning last""")
			.param("ws", ws.value()).param("kind", kind).query(Long.class).single();
	}

	Optional<Ticket> find(WorkspaceId ws, long id) {
		return jdbc.sql("select " + COLUMNS + " from support_ticket where workspace_id = :ws and ticket_id = :id")
			.param("ws", ws.value()).param("id", id).query(Tickets::ticket).optional();
	}

	/** The tickets of these ids that exist in the workspace, in no particular order. */
	List<Ticket> findAll(WorkspaceId ws, java.util.Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from support_ticket where workspace_id = :ws and ticket_id in (:ids)")
			.param("ws", ws.value()).param("ids", List.copyOf(ids)).query(Tickets::ticket).list();
	}

	Optional<Ticket> lock(WorkspaceId ws, long id) {
		return jdbc.sql("select " + COLUMNS + " from support_ticket where workspace_id = :ws and ticket_id = :id for update")
			.param("ws", ws.value()).param("id", id).query(Tickets::ticket).optional();
	}

	long insert(WorkspaceId ws, Long accountId, Long contactId, String email, String name, String subject,
			String status, String priority, String type, List<String> tags, String channel, Long channelId,
			Instant at) {
		return jdbc.sql("""
				insert into support_ticket (ticket_id, workspace_id, account_id, requester_contact_id, requester_email,
				    requester_name, subject, status, priority, type, tags, channel, channel_id, created_at, updated_at,
				    status_changed_at, last_customer_at, closed_at)
				values (:nextId
				    , :ws, :account, :contact, :email, :name, :subject, :status, :priority, :type,
				    string_to_array(:tags, chr(31)), :channel, :channelId, :at, :at, :at, :at, :closedAt)
				returning ticket_id""")
			.param("nextId", next(ws, "ticket")).param("ws", ws.value()).param("account", accountId)
			.param("contact", contactId).param("email", email)
			.param("name", name).param("subject", subject).param("status", status).param("priority", priority)
			.param("type", type).param("tags", String.join("\u001f", tags)).param("channel", channel)
			.param("channelId", channelId).param("at", Timestamp.from(at))
			.param("closedAt", "closed".equals(status) ? Timestamp.from(at) : null, java.sql.Types.TIMESTAMP)
			.query(Long.class).single();
	}

	List<Ticket> view(WorkspaceId ws, TicketView view, long userId, Long before, int limit) {
		String where = switch (view) {
			case MINE -> "assignee_user_id = :user and status in ('new', 'open', 'pending', 'on_hold')";
			case UNASSIGNED -> "assignee_user_id is null and status in ('new', 'open', 'pending', 'on_hold')";
			case PENDING -> "status = 'pending'";
			case BREACHING_SOON, BREACHED -> TicketSlaViews.where(view);
			case SOLVED -> "status = 'solved'";
			case ALL -> "true";
		};
		return jdbc.sql("select " + COLUMNS + " from support_ticket where workspace_id = :ws and " + where
				+ " and (cast(:before as bigint) is null or ticket_id < :before) order by ticket_id desc limit :limit")
			.param("ws", ws.value()).param("user", userId).param("before", before).param("limit", limit)
			.query(Tickets::ticket).list();
	}

	/**
	 * A filtered view, newest first by keyset; each condition is added only when the filter asks for it. Asked
	 * statuses are read one branch each from the status index and merged, so a filter that matches little among open
	 * tickets reads the open tickets, not the whole workspace.
	 */
	List<Ticket> filtered(WorkspaceId ws, TicketFilter filter, long userId, Long before, int limit) {
		String keyset = " and (cast(:before as bigint) is null or ticket_id < :before) order by ticket_id desc limit :limit";
		String sql = filter.statuses().isEmpty()
				? "select " + COLUMNS + " from support_ticket where " + conditions(filter) + keyset
				: "select * from (" + branches(filter, "select " + COLUMNS, keyset) + ") u order by ticket_id desc limit :limit";
		return bind(jdbc.sql(sql), filter, userId)
			.param("ws", ws.value()).param("before", before).param("limit", limit)
			.query(Tickets::ticket).list();
	}

	/** How many tickets a filter finds, counted up to 10,000 like the built-in views. */
	long countFiltered(WorkspaceId ws, TicketFilter filter, long userId) {
		String sql = filter.statuses().isEmpty()
				? "select count(*) from (select 1 from support_ticket where " + conditions(filter) + " limit 10000) c"
				: "select least(count(*), 10000) from (" + branches(filter, "select 1", " limit 10000") + ") c";
		return bind(jdbc.sql(sql), filter, userId).param("ws", ws.value()).query(Long.class).single();
	}

	private static String branches(TicketFilter filter, String select, String tail) {
		List<String> parts = new java.util.ArrayList<>();
		for (int i = 0; i < filter.statuses().size(); i++) {
			parts.add("(" + select + " from support_ticket where " + conditions(filter) + " and status = :status" + i + tail
					+ ")");
		}
		return String.join(" union all ", parts);
	}

	private static String conditions(TicketFilter filter) {
		StringBuilder where = new StringBuilder("workspace_id = :ws");
		if (!filter.priorities().isEmpty()) {
			where.append(" and priority = any(string_to_array(:priorities, ','))");
		}
		if (!filter.channels().isEmpty()) {
			where.append(" and channel = any(string_to_array(:channels, ','))");
		}
		if (filter.tag() != null) {
			where.append(" and tags @> array[cast(:tag as text)]");
		}
		if ("none".equals(filter.assignee())) {
			where.append(" and assignee_user_id is null");
		}
		else if (filter.assignee() != null) {
			where.append(" and assignee_user_id = :assignee");
		}
		return where.toString();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, TicketFilter filter, long userId) {
		for (int i = 0; i < filter.statuses().size(); i++) {
			spec = spec.param("status" + i, filter.statuses().get(i));
		}
		if (!filter.priorities().isEmpty()) {
			spec = spec.param("priorities", String.join(",", filter.priorities()));
		}
		if (!filter.channels().isEmpty()) {
			spec = spec.param("channels", String.join(",", filter.channels()));
		}
		if (filter.tag() != null) {
			spec = spec.param("tag", filter.tag());
		}
		if (filter.assignee() != null && !"none".equals(filter.assignee())) {
			spec = spec.param("assignee", "me".equals(filter.assignee()) ? userId : Long.parseLong(filter.assignee()));
		}
		return spec;
	}

	long count(WorkspaceId ws, TicketView view, long userId) {
		String where = switch (view) {
			case MINE -> "assignee_user_id = :user and status in ('new', 'open', 'pending', 'on_hold')";
			case UNASSIGNED -> "assignee_user_id is null and status in ('new', 'open', 'pending', 'on_hold')";
			case PENDING -> "status = 'pending'";
			case BREACHING_SOON, BREACHED -> TicketSlaViews.where(view);
			case SOLVED -> "status = 'solved'";
			case ALL -> "true";
		};
		return jdbc.sql("select count(*) from (select 1 from support_ticket where workspace_id = :ws and " + where
				+ " limit 10000) c").param("ws", ws.value()).param("user", userId).query(Long.class).single();
	}

	void set(WorkspaceId ws, long id, String column, Object value) {
		if (!List.of("status", "priority", "type", "assignee_user_id", "merged_into_id", "account_id").contains(column)) {
			throw new IllegalArgumentException(column);
		}
		String extra = column.equals("status") ? """
				, status_changed_at = now(),
				  solved_at = case when cast(:value as text) = 'solved' then now()
				                   when cast(:value as text) = 'closed' then solved_at end,
				  closed_at = case when cast(:value as text) = 'closed' then now() end""" : "";
		jdbc.sql("update support_ticket set " + column + " = :value, updated_at = now()" + extra
				+ " where workspace_id = :ws and ticket_id = :id")
			.param("ws", ws.value()).param("id", id).param("value", value).update();
	}

	void setTags(WorkspaceId ws, long id, List<String> tags) {
		jdbc.sql("""
				update support_ticket set tags = string_to_array(:tags, chr(31)), updated_at = now()
				where workspace_id = :ws and ticket_id = :id""")
			.param("ws", ws.value()).param("id", id).param("tags", String.join("\u001f", tags)).update();
	}

	void touched(WorkspaceId ws, long id, String kind) {
		String column = switch (kind) {
			case "agent" -> "last_agent_at = now(), first_response_at = coalesce(first_response_at, now()),";
			case "customer" -> "last_customer_at = now(),";
			default -> "";
		};
		jdbc.sql("update support_ticket set " + column + " updated_at = now() where workspace_id = :ws and ticket_id = :id")
			.param("ws", ws.value()).param("id", id).update();
	}

	void change(WorkspaceId ws, long ticket, Long actor, String field, String oldValue, String newValue) {
		jdbc.sql("""
				insert into support_ticket_change (workspace_id, ticket_id, actor_user_id, field, old_value, new_value)
				values (:ws, :ticket, :actor, :field, :old, :new)""")
			.param("ws", ws.value()).param("ticket", ticket).param("actor", actor).param("field", field)
			.param("old", oldValue).param("new", newValue).update();
	}

	List<TicketChange> changes(WorkspaceId ws, long ticket) {
		return jdbc.sql("""
				select change_id, ticket_id, at, actor_user_id, field, old_value, new_value from support_ticket_change
				where workspace_id = :ws and ticket_id = :ticket order by change_id""")
			.param("ws", ws.value()).param("ticket", ticket)
			.query((rs, n) -> new TicketChange(rs.getLong(1), rs.getLong(2), instant(rs, "at"), longOrNull(rs, "actor_user_id"),
					rs.getString(5), rs.getString(6), rs.getString(7)))
			.list();
	}

	long insertMessage(WorkspaceId ws, long ticket, Long accountId, String kind, Long author, String from,
			String fromName, List<String> to, String subject, String text, String html, String mailId,
			String inReplyTo, List<String> references, Long rawId, String automatic, List<String> problems,
			String callDirection, Integer callSeconds, String delivery) {
		return jdbc.sql("""
				insert into support_message (message_id, workspace_id, ticket_id, account_id, kind, author_user_id, from_address,
				    from_name, to_addresses, subject, body_text, body_html, mail_message_id, in_reply_to,
				    mail_references, raw_id, automatic, problems, call_direction, call_seconds, delivery)
				values (:nextId
				    , :ws, :ticket, :account, :kind, :author, :from, :fromName, string_to_array(:to, chr(31)),
				    :subject, :text, :html, :mailId, :inReplyTo, string_to_array(:refs, chr(31)), :raw, :automatic,
				    string_to_array(:problems, chr(31)), :callDirection, :callSeconds, :delivery)
				returning message_id""")
			.param("nextId", next(ws, "message")).param("ws", ws.value()).param("ticket", ticket)
			.param("account", accountId).param("kind", kind)
			.param("author", author).param("from", from).param("fromName", fromName)
			.param("to", String.join("\u001f", to)).param("subject", subject).param("text", text == null ? "" : text)
			.param("html", html).param("mailId", mailId).param("inReplyTo", inReplyTo)
			.param("refs", String.join("\u001f", references)).param("raw", rawId).param("automatic", automatic)
			.param("problems", String.join("\u001f", problems)).param("callDirection", callDirection)
			.param("callSeconds", callSeconds).param("delivery", delivery)
			.query(Long.class).single();
	}

	void delivered(WorkspaceId ws, long messageId, String delivery, String error) {
		jdbc.sql("update support_message set delivery = :d, delivery_error = :e where workspace_id = :ws and message_id = :id")
			.param("ws", ws.value()).param("id", messageId).param("d", delivery).param("e", error).update();
	}

	List<TicketMessage> messages(WorkspaceId ws, long ticket) {
		return jdbc.sql("select " + MESSAGE_COLUMNS
				+ " from support_message where workspace_id = :ws and ticket_id = :ticket order by message_id")
			.param("ws", ws.value()).param("ticket", ticket).query(Tickets::message).list();
	}

	Optional<TicketMessage> findMessage(WorkspaceId ws, long id) {
		return jdbc.sql("select " + MESSAGE_COLUMNS + " from support_message where workspace_id = :ws and message_id = :id")
			.param("ws", ws.value()).param("id", id).query(Tickets::message).optional();
	}

	Optional<Long> ticketOfMailIds(WorkspaceId ws, List<String> mailIds) {
		if (mailIds.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select ticket_id from support_message where workspace_id = :ws and mail_message_id in (:ids)
				order by message_id desc limit 1""")
			.param("ws", ws.value()).param("ids", mailIds).query(Long.class).optional();
	}

	boolean hasMessageFrom(WorkspaceId ws, long ticket, String address) {
		return jdbc.sql("""
				select exists (select 1 from support_message where workspace_id = :ws and ticket_id = :ticket
				    and from_address = :address)""")
			.param("ws", ws.value()).param("ticket", ticket).param("address", address).query(Boolean.class).single();
	}

	Optional<Long> recentBySubject(WorkspaceId ws, String address, String subject) {
		return jdbc.sql("""
				select ticket_id from support_ticket where workspace_id = :ws and requester_email = :address
				  and lower(regexp_replace(subject, '^((re|fwd?|aw|sv|返信|転送)\\s*[:：]\\s*)+', '', 'i')) = lower(:subject)
				  and status <> 'closed' and merged_into_id is null and updated_at > now() - interval '14 days'
				order by ticket_id desc limit 1""")
			.param("ws", ws.value()).param("address", address).param("subject", subject).query(Long.class).optional();
	}

	List<String> mailIdsOf(WorkspaceId ws, long ticket) {
		return jdbc.sql("""
				select mail_message_id from support_message where workspace_id = :ws and ticket_id = :ticket
				  and mail_message_id is not null order by message_id""")
			.param("ws", ws.value()).param("ticket", ticket).query(String.class).list();
	}

	Optional<Long> rawBySha(WorkspaceId ws, byte[] sha) {
		return jdbc.sql("select raw_id from support_raw_mail where workspace_id = :ws and sha256 = :sha")
			.param("ws", ws.value()).param("sha", sha).query(Long.class).optional();
	}

	long insertRaw(WorkspaceId ws, byte[] sha, byte[] content) {
		return jdbc.sql("""
				insert into support_raw_mail (workspace_id, sha256, size, content) values (:ws, :sha, :size, :content)
				on conflict (workspace_id, sha256) do update set size = excluded.size returning raw_id""")
			.param("ws", ws.value()).param("sha", sha).param("size", content.length).param("content", content)
			.query(Long.class).single();
	}

	Optional<Long> messageOfRaw(WorkspaceId ws, long rawId) {
		return jdbc.sql("select message_id from support_message where workspace_id = :ws and raw_id = :raw limit 1")
			.param("ws", ws.value()).param("raw", rawId).query(Long.class).optional();
	}

	Optional<long[]> messageByMailIdFrom(WorkspaceId ws, String mailId, String from) {
		return jdbc.sql("""
				select message_id, ticket_id from support_message where workspace_id = :ws and mail_message_id = :id
				  and from_address is not distinct from :from limit 1""")
			.param("ws", ws.value()).param("id", mailId).param("from", from)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).optional();
	}

	Optional<byte[]> raw(WorkspaceId ws, long rawId) {
		return jdbc.sql("select content from support_raw_mail where workspace_id = :ws and raw_id = :raw")
			.param("ws", ws.value()).param("raw", rawId).query(byte[].class).optional();
	}

	void insertAttachment(WorkspaceId ws, long message, String name, String type, long size, byte[] sha,
			byte[] content) {
		jdbc.sql("""
				insert into support_attachment (attachment_id, workspace_id, message_id, file_name, content_type, size, sha256, content)
				values (:nextId
				    , :ws, :message, :name, :type, :size, :sha, :content)""")
			.param("nextId", next(ws, "attachment")).param("ws", ws.value()).param("message", message)
			.param("name", name).param("type", type)
			.param("size", size).param("sha", sha).param("content", content).update();
	}

	long attachmentBytes(WorkspaceId ws) {
		return jdbc.sql("select coalesce(sum(size), 0) from support_attachment where workspace_id = :ws")
			.param("ws", ws.value()).query(Long.class).single();
	}

	List<TicketAttachment> attachments(WorkspaceId ws, long ticket) {
		return jdbc.sql("""
				select a.attachment_id, a.message_id, a.file_name, a.content_type, a.size, a.sha256
				from support_attachment a join support_message m
				  on m.workspace_id = a.workspace_id and m.message_id = a.message_id
				where a.workspace_id = :ws and m.ticket_id = :ticket order by a.attachment_id""")
			.param("ws", ws.value()).param("ticket", ticket)
			.query((rs, n) -> new TicketAttachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getLong(5), HexFormat.of().formatHex(rs.getBytes(6))))
			.list();
	}

	record StoredFile(TicketAttachment attachment, long ticketId, byte[] content) {
	}

	Optional<StoredFile> attachment(WorkspaceId ws, long id) {
		return jdbc.sql("""
				select a.attachment_id, a.message_id, a.file_name, a.content_type, a.size, a.sha256, m.ticket_id, a.content
				from support_attachment a join support_message m
				  on m.workspace_id = a.workspace_id and m.message_id = a.message_id
				where a.workspace_id = :ws and a.attachment_id = :id""")
			.param("ws", ws.value()).param("id", id)
			.query((rs, n) -> new StoredFile(new TicketAttachment(rs.getLong(1), rs.getLong(2), rs.getString(3),
					rs.getString(4), rs.getLong(5), HexFormat.of().formatHex(rs.getBytes(6))), rs.getLong(7),
					rs.getBytes(8)))
			.optional();
	}

	void moveMessages(WorkspaceId ws, long from, long to) {
		jdbc.sql("update support_message set ticket_id = :to where workspace_id = :ws and ticket_id = :from")
			.param("ws", ws.value()).param("from", from).param("to", to).update();
	}

	/** Moves one message (its attachments go with it) from a ticket to another; false when it is not in {@code from}. */
	boolean moveMessage(WorkspaceId ws, long messageId, long from, long to) {
		return jdbc.sql("""
				update support_message set ticket_id = :to
				where workspace_id = :ws and message_id = :id and ticket_id = :from""")
			.param("ws", ws.value()).param("id", messageId).param("from", from).param("to", to).update() == 1;
	}

	List<Long> solvedBefore(WorkspaceId ws, int days) {
		return jdbc.sql("""
				select ticket_id from support_ticket where workspace_id = :ws and status = 'solved'
				  and solved_at < now() - make_interval(days => :days) order by ticket_id limit 5000""")
			.param("ws", ws.value()).param("days", days).query(Long.class).list();
	}

	int autoCloseDays(WorkspaceId ws) {
		return jdbc.sql("select auto_close_days from support_settings where workspace_id = :ws")
			.param("ws", ws.value()).query(Integer.class).optional().orElse(7);
	}

	List<Long> workspacesWithSolved() {
		return jdbc.sql("select distinct workspace_id from support_ticket where status = 'solved'")
			.query(Long.class).list();
	}

	List<Ticket> ofAccount(WorkspaceId ws, long accountId, boolean openOnly, int limit) {
		return jdbc.sql("select " + COLUMNS + " from support_ticket where workspace_id = :ws and account_id = :account"
				+ (openOnly ? " and status in ('new', 'open', 'pending', 'on_hold')" : "")
				+ " and merged_into_id is null order by ticket_id desc limit :limit")
			.param("ws", ws.value()).param("account", accountId).param("limit", limit)
			.query(Tickets::ticket).list();
	}

	long countOfAccountSince(WorkspaceId ws, long accountId, int days) {
		return jdbc.sql("""
				select count(*) from support_ticket where workspace_id = :ws and account_id = :account
				  and merged_into_id is null and created_at >= now() - make_interval(days => :days)""")
			.param("ws", ws.value()).param("account", accountId).param("days", days).query(Long.class).single();
	}
}
