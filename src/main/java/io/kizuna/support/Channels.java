package io.kizuna.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** support_channel: the mailboxes, their sealed passwords and fetch state. */
@Repository
class Channels {

	static final String COLUMNS = """
			channel_id, name, address, imap_host, imap_port, imap_user, imap_tls, smtp_host, smtp_port, smtp_user,
			smtp_tls, enabled, failures, last_fetch_at, last_success_at, last_error, next_fetch_at, fetched_total""";

	private final JdbcClient jdbc;

	Channels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static MailChannel channel(ResultSet rs, int row) throws SQLException {
		return new MailChannel(rs.getLong("channel_id"), rs.getString("name"), rs.getString("address"),
				rs.getString("imap_host"), rs.getInt("imap_port"), rs.getString("imap_user"), rs.getBoolean("imap_tls"),
				rs.getString("smtp_host"), rs.getInt("smtp_port"), rs.getString("smtp_user"), rs.getBoolean("smtp_tls"),
				rs.getBoolean("enabled"), rs.getInt("failures"), Tickets.instant(rs, "last_fetch_at"),
				Tickets.instant(rs, "last_success_at"), rs.getString("last_error"), Tickets.instant(rs, "next_fetch_at"),
				rs.getLong("fetched_total"));
	}

	/** The secrets and cursor a fetch or a send needs, still sealed. */
	record Connection(WorkspaceId workspace, MailChannel channel, String imapPasswordSealed,
			String smtpPasswordSealed, long lastUid, Long uidValidity) {
	}

	long insert(WorkspaceId ws, MailChannelDraft d, String imapSealed, String smtpSealed) {
		return jdbc.sql("""
				insert into support_channel (workspace_id, name, address, imap_host, imap_port, imap_user, imap_password,
				    imap_tls, smtp_host, smtp_port, smtp_user, smtp_password, smtp_tls)
				values (:ws, :name, lower(:address), :imapHost, :imapPort, :imapUser, :imapPassword, :imapTls,
				    :smtpHost, :smtpPort, :smtpUser, :smtpPassword, :smtpTls)
				returning channel_id""")
			.param("ws", ws.value()).param("name", d.name()).param("address", d.address())
			.param("imapHost", d.imapHost()).param("imapPort", d.imapPort()).param("imapUser", d.imapUser())
			.param("imapPassword", imapSealed).param("imapTls", d.imapTls() == null || d.imapTls())
			.param("smtpHost", d.smtpHost()).param("smtpPort", d.smtpPort()).param("smtpUser", d.smtpUser())
			.param("smtpPassword", smtpSealed).param("smtpTls", d.smtpTls() == null || d.smtpTls())
			.query(Long.class).single();
	}

	List<MailChannel> list(WorkspaceId ws) {
		return jdbc.sql("select " + COLUMNS + " from support_channel where workspace_id = :ws order by channel_id")
			.param("ws", ws.value()).query(Channels::channel).list();
	}

	Optional<MailChannel> find(WorkspaceId ws, long id) {
		return jdbc.sql("select " + COLUMNS + " from support_channel where workspace_id = :ws and channel_id = :id")
			.param("ws", ws.value()).param("id", id).query(Channels::channel).optional();
	}

	Optional<Connection> connection(WorkspaceId ws, long id) {
		return jdbc.sql("select " + COLUMNS + ", workspace_id, imap_password, smtp_password, last_uid, uid_validity"
				+ " from support_channel where workspace_id = :ws and channel_id = :id")
			.param("ws", ws.value()).param("id", id)
			.query((rs, n) -> new Connection(new WorkspaceId(rs.getLong("workspace_id")), channel(rs, n),
					rs.getString("imap_password"), rs.getString("smtp_password"), rs.getLong("last_uid"),
					Tickets.longOrNull(rs, "uid_validity")))
			.optional();
	}

	Optional<Long> firstOf(WorkspaceId ws) {
		return jdbc.sql("select channel_id from support_channel where workspace_id = :ws and enabled order by channel_id limit 1")
			.param("ws", ws.value()).query(Long.class).optional();
	}

	/** Channels due for a fetch, claimed for a while so that a second node's job skips them (ADR 0094). */
	List<long[]> claimDue(int limit) {
		return jdbc.sql("""
				update support_channel c set next_fetch_at = now() + interval '5 minutes'
				from (select workspace_id, channel_id from support_channel where enabled and next_fetch_at <= now()
				      order by next_fetch_at limit :limit for update skip locked) due
				where c.workspace_id = due.workspace_id and c.channel_id = due.channel_id
				returning c.workspace_id, c.channel_id""")
			.param("limit", limit).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
	}

	void succeeded(WorkspaceId ws, long id, long lastUid, Long uidValidity, int fetched, Duration every) {
		jdbc.sql("""
				update support_channel set failures = 0, last_error = null, last_fetch_at = now(), last_success_at = now(),
				    last_uid = :uid, uid_validity = :validity, fetched_total = fetched_total + :fetched,
				    next_fetch_at = now() + make_interval(secs => :every)
				where workspace_id = :ws and channel_id = :id""")
			.param("ws", ws.value()).param("id", id).param("uid", lastUid).param("validity", uidValidity)
			.param("fetched", fetched).param("every", (double) every.toSeconds()).update();
	}

	/**
	 * Advances the cursor past messages as soon as they are stored (in their transaction), so a message that breaks
	 * the fetch is never fetched again.
	 */
	void advanced(WorkspaceId ws, long id, long lastUid, Long uidValidity, int messages) {
		jdbc.sql("""
				update support_channel set last_uid = greatest(last_uid, :uid), uid_validity = :validity,
				    fetched_total = fetched_total + :messages
				where workspace_id = :ws and channel_id = :id""")
			.param("ws", ws.value()).param("id", id).param("uid", lastUid).param("validity", uidValidity)
			.param("messages", messages).update();
	}

	/** Backoff: 1, 2, 4 … minutes, at most an hour. */
	void failed(WorkspaceId ws, long id, String error) {
		jdbc.sql("""
				update support_channel set failures = failures + 1, last_error = :error, last_fetch_at = now(),
				    next_fetch_at = now() + least(interval '1 hour', interval '1 minute' * power(2, least(failures, 10)))
				where workspace_id = :ws and channel_id = :id""")
			.param("ws", ws.value()).param("id", id).param("error", error).update();
	}

	void dueNow(WorkspaceId ws, long id) {
		jdbc.sql("update support_channel set next_fetch_at = now() where workspace_id = :ws and channel_id = :id")
			.param("ws", ws.value()).param("id", id).update();
	}
}
