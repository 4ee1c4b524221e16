package io.kizuna.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The mail tables: SMTP settings, templates, the outbox, recipients' unsubscribe tokens and suppressions. */
@Repository
class MailStore {

	/** The stored settings with the sealed password, for sending only. */
	record StoredSmtp(String host, int port, String security, String username, String passwordSealed,
			String fromAddress, int ratePerMinute) {

		@Override
		public String toString() {
			return "StoredSmtp[" + host + ":" + port + ", " + security + "]";
		}

		SmtpSettings shown() {
			return new SmtpSettings(host, port, security, username, passwordSealed != null, fromAddress, ratePerMinute);
		}
	}

	/** A message claimed for sending, with what the dispatcher needs. */
	record Claimed(WorkspaceId workspace, long id, String messageKey, String toAddress, String toName, String fromName,
			String subject, String bodyText, String bodyHtml, String language, int attempts, boolean suppressed,
			String token) {
	}

	private static final String OUTBOX_COLUMNS = """
			message_id, message_key, account_ext_id, to_address, to_name, from_name, subject, body_text, language,
			status, attempts, last_error, next_attempt_at, created_at, sent_at""";

	private final JdbcClient jdbc;

	MailStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredSmtp> smtp(WorkspaceId workspace) {
		return jdbc.sql("""
				select host, port, security, username, password_sealed, from_address, rate_per_minute
				from messaging_smtp_settings where workspace_id = ?""")
			.param(workspace.value())
			.query((rs, n) -> new StoredSmtp(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getInt(7)))
			.optional();
	}

	void saveSmtp(WorkspaceId workspace, StoredSmtp smtp) {
		jdbc.sql("""
				insert into messaging_smtp_settings (workspace_id, host, port, security, username, password_sealed,
				    from_address, rate_per_minute, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, now())
				on conflict (workspace_id) do update set host = excluded.host, port = excluded.port,
				    security = excluded.security, username = excluded.username,
				    password_sealed = excluded.password_sealed, from_address = excluded.from_address,
				    rate_per_minute = excluded.rate_per_minute, updated_at = now()""")
			.params(workspace.value(), smtp.host(), smtp.port(), smtp.security(), smtp.username(),
					smtp.passwordSealed(), smtp.fromAddress(), smtp.ratePerMinute())
			.update();
	}

	List<MailTemplate> templates(WorkspaceId workspace) {
		return jdbc.sql("""
				select template_id, key, language, name, subject, body, updated_at from messaging_template
				where workspace_id = ? order by key, language""")
			.param(workspace.value())
			.query(MailStore::template)
			.list();
	}

	Optional<MailTemplate> template(WorkspaceId workspace, String key, String language) {
		return jdbc.sql("""
				select template_id, key, language, name, subject, body, updated_at from messaging_template
				where workspace_id = ? and key = ? and language = ?""")
			.params(workspace.value(), key, language)
			.query(MailStore::template)
			.optional();
	}

	Optional<MailTemplate> template(WorkspaceId workspace, long id) {
		return jdbc.sql("""
				select template_id, key, language, name, subject, body, updated_at from messaging_template
				where workspace_id = ? and template_id = ?""")
			.params(workspace.value(), id)
			.query(MailStore::template)
			.optional();
	}

	MailTemplate saveTemplate(WorkspaceId workspace, TemplateDraft draft) {
		return jdbc.sql("""
				insert into messaging_template (workspace_id, key, language, name, subject, body)
				values (?, ?, ?, ?, ?, ?)
				on conflict (workspace_id, key, language) do update set name = excluded.name,
				    subject = excluded.subject, body = excluded.body, updated_at = now()
				returning template_id, key, language, name, subject, body, updated_at""")
			.params(workspace.value(), draft.key(), draft.language(), draft.name(), draft.subject(), draft.body())
			.query(MailStore::template)
			.single();
	}

	boolean deleteTemplate(WorkspaceId workspace, String key, String language) {
		return jdbc.sql("delete from messaging_template where workspace_id = ? and key = ? and language = ?")
			.params(workspace.value(), key, language)
			.update() > 0;
	}

	/** Stores a message unless its key was already used; returns the id of the stored or earlier message. */
	long enqueue(WorkspaceId workspace, MailRequest request, String bodyHtml, String status) {
		Optional<Long> inserted = jdbc.sql("""
				insert into messaging_outbox (workspace_id, message_key, account_ext_id, to_address, to_name,
				    from_name, subject, body_text, body_html, language, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (workspace_id, message_key) do nothing returning message_id""")
			.params(workspace.value(), request.messageKey(), request.accountExternalId(), request.toAddress(),
					request.toName(), request.fromName(), request.subject(), request.bodyText(), bodyHtml,
					request.language(), status)
			.query(Long.class)
			.optional();
		return inserted.orElseGet(() -> jdbc
			.sql("select message_id from messaging_outbox where workspace_id = ? and message_key = ?")
			.params(workspace.value(), request.messageKey())
			.query(Long.class)
			.single());
	}

	Optional<OutboxMessage> message(WorkspaceId workspace, long id) {
		return jdbc.sql("select " + OUTBOX_COLUMNS + " from messaging_outbox where workspace_id = ? and message_id = ?")
			.params(workspace.value(), id)
			.query(MailStore::message)
			.optional();
	}

	Optional<OutboxMessage> messageByKey(WorkspaceId workspace, String key) {
		return jdbc.sql("select " + OUTBOX_COLUMNS + " from messaging_outbox where workspace_id = ? and message_key = ?")
			.params(workspace.value(), key)
			.query(MailStore::message)
			.optional();
	}

	Optional<String> html(WorkspaceId workspace, long id) {
		return jdbc.sql("select body_html from messaging_outbox where workspace_id = ? and message_id = ?")
			.params(workspace.value(), id)
			.query(String.class)
			.optional();
	}

	List<OutboxMessage> outbox(WorkspaceId workspace, String status, int limit) {
		return jdbc.sql("select " + OUTBOX_COLUMNS + """
				 from messaging_outbox where workspace_id = ? and (? = '' or status = ?)
				order by created_at desc, message_id desc limit ?""")
			.params(workspace.value(), status, status, limit)
			.query(MailStore::message)
			.list();
	}

	/** Workspaces with messages due now. */
	List<WorkspaceId> workspacesDue() {
		return jdbc.sql("""
				select distinct workspace_id from messaging_outbox
				where status in ('queued', 'retrying', 'sending') and next_attempt_at <= now()""")
			.query((rs, n) -> new WorkspaceId(rs.getLong(1)))
			.list();
	}

	int sentInLastMinute(WorkspaceId workspace) {
		return jdbc.sql("""
				select count(*) from messaging_outbox
				where workspace_id = ? and status = 'sent' and sent_at > now() - interval '1 minute'""")
			.param(workspace.value())
			.query(Integer.class)
			.single();
	}

	/**
	 * Claims up to {@code limit} due messages of a workspace: marks them {@code sending} with a lease of five minutes
	 * (a node that dies while sending leaves them to be claimed again after it), skipping rows another node holds.
	 */
	List<Claimed> claim(WorkspaceId workspace, int limit) {
		return jdbc.sql("""
				update messaging_outbox o set status = 'sending', attempts = o.attempts + 1,
				    next_attempt_at = now() + interval '5 minutes'
				where (o.workspace_id, o.message_id) in (
				    select workspace_id, message_id from messaging_outbox
				    where workspace_id = ? and status in ('queued', 'retrying', 'sending') and next_attempt_at <= now()
				    order by next_attempt_at, message_id limit ? for update skip locked)
				returning o.workspace_id, o.message_id, o.message_key, o.to_address, o.to_name, o.from_name, o.subject,
				    o.body_text, o.body_html, o.language, o.attempts,
				    exists (select 1 from messaging_suppression s where s.workspace_id = o.workspace_id
				        and s.email = o.to_address),
				    (select token from messaging_recipient r where r.workspace_id = o.workspace_id
				        and r.email = o.to_address)""")
			.params(workspace.value(), limit)
			.query((rs, n) -> new Claimed(new WorkspaceId(rs.getLong(1)), rs.getLong(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getString(9), rs.getString(10), rs.getInt(11), rs.getBoolean(12), rs.getString(13)))
			.list();
	}

	/** Marks a batch sent in one statement. */
	void sent(WorkspaceId workspace, List<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update messaging_outbox set status = 'sent', sent_at = now(), last_error = null
				where workspace_id = ? and message_id = any(?)""")
			.params(workspace.value(), ids.toArray(Long[]::new))
			.update();
	}

	void sent(WorkspaceId workspace, long id) {
		jdbc.sql("""
				update messaging_outbox set status = 'sent', sent_at = now(), last_error = null
				where workspace_id = ? and message_id = ?""")
			.params(workspace.value(), id)
			.update();
	}

	void retryLater(WorkspaceId workspace, long id, String error, Instant next) {
		jdbc.sql("""
				update messaging_outbox set status = 'retrying', last_error = ?, next_attempt_at = ?
				where workspace_id = ? and message_id = ?""")
			.params(error, Timestamp.from(next), workspace.value(), id)
			.update();
	}

	void failed(WorkspaceId workspace, long id, String error) {
		jdbc.sql("update messaging_outbox set status = 'failed', last_error = ? where workspace_id = ? and message_id = ?")
			.params(error, workspace.value(), id)
			.update();
	}

	/** A bounce: the message failed with the reason, and its address is suppressed (reason {@code bounced}). */
	void bounced(WorkspaceId workspace, long id, String address, String reason) {
		failed(workspace, id, reason);
		suppress(workspace, address, "bounced");
	}

	void suppressed(WorkspaceId workspace, long id) {
		jdbc.sql("update messaging_outbox set status = 'suppressed' where workspace_id = ? and message_id = ?")
			.params(workspace.value(), id)
			.update();
	}

	/** The recipient's unsubscribe token, created with the given one if there is none yet. */
	String token(WorkspaceId workspace, String email, String fresh) {
		jdbc.sql("insert into messaging_recipient (workspace_id, email, token) values (?, ?, ?) on conflict do nothing")
			.params(workspace.value(), email, fresh)
			.update();
		return jdbc.sql("select token from messaging_recipient where workspace_id = ? and email = ?")
			.params(workspace.value(), email)
			.query(String.class)
			.single();
	}

	/** The workspace and address a token stands for; the token alone identifies them. */
	Optional<Object[]> recipient(String token) {
		return jdbc.sql("select workspace_id, email from messaging_recipient where token = ?")
			.param(token)
			.query((rs, n) -> new Object[] { new WorkspaceId(rs.getLong(1)), rs.getString(2) })
			.optional();
	}

	boolean suppress(WorkspaceId workspace, String email, String reason) {
		return jdbc.sql("""
				insert into messaging_suppression (workspace_id, email, reason) values (?, ?, ?)
				on conflict do nothing""")
			.params(workspace.value(), email, reason)
			.update() > 0;
	}

	boolean unsuppress(WorkspaceId workspace, String email) {
		return jdbc.sql("delete from messaging_suppression where workspace_id = ? and email = ?")
			.params(workspace.value(), email)
			.update() > 0;
	}

	boolean suppressed(WorkspaceId workspace, String email) {
		return jdbc.sql("select exists (select 1 from messaging_suppression where workspace_id = ? and email = ?)")
			.params(workspace.value(), email)
			.query(Boolean.class)
			.single();
	}

	List<Suppression> suppressions(WorkspaceId workspace, int limit) {
		return jdbc.sql("""
				select email, reason, created_at from messaging_suppression where workspace_id = ?
				order by created_at desc, email limit ?""")
			.params(workspace.value(), limit)
			.query((rs, n) -> new Suppression(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

	private static MailTemplate template(ResultSet rs, int n) throws SQLException {
		return new MailTemplate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getTimestamp(7).toInstant());
	}

	private static OutboxMessage message(ResultSet rs, int n) throws SQLException {
		return new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11),
				rs.getString(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)),
				instant(rs.getTimestamp(15)));
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
