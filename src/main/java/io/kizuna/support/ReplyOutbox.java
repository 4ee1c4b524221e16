package io.kizuna.support;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Replies leave after the request (ADR 0117): the reply is stored {@code queued} with the channel to send it by, and
 * the outbox job sends it. A failed attempt is retried with backoff (1, 5, 15, 60 minutes); after the last attempt the
 * message is {@code failed} with the reason, shown on the ticket, where an agent can queue it again. A message is
 * claimed (its next attempt pushed two minutes ahead, skip locked) before it is sent, so two nodes never send it twice
 * and a node that dies mid-send leaves it to be retried.
 */
@Component
public class ReplyOutbox {

	private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);

	static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(60));

	static final int MAX_ATTEMPTS = BACKOFF.size() + 1;

	private final JdbcClient jdbc;

	private final Channels channels;

	private final MailSender sender;

	private final WorkspaceManagement workspaces;

	ReplyOutbox(JdbcClient jdbc, Channels channels, MailSender sender, WorkspaceManagement workspaces) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.sender = sender;
		this.workspaces = workspaces;
	}

	/** Queues a stored reply for sending by a channel (in the reply's transaction). */
	void enqueue(WorkspaceId ws, long messageId, long channelId) {
		jdbc.sql("""
				update support_message set delivery = 'queued', delivery_channel_id = :channel, delivery_attempts = 0,
				    delivery_next_at = now(), delivery_error = null
				where workspace_id = :ws and message_id = :id""")
			.param("ws", ws.value()).param("id", messageId).param("channel", channelId).update();
	}

	/** An agent asks for a failed reply to be sent again; false when it is not a failed reply of that ticket. */
	public boolean retry(WorkspaceId ws, long ticketId, long messageId) {
		return jdbc.sql("""
				update support_message set delivery = 'queued', delivery_attempts = 0, delivery_next_at = now()
				where workspace_id = :ws and ticket_id = :ticket and message_id = :id and kind = 'agent'
				  and delivery = 'failed' and delivery_channel_id is not null""")
			.param("ws", ws.value()).param("ticket", ticketId).param("id", messageId).update() == 1;
	}

	private record Queued(long workspaceId, long messageId, long ticketId, long channelId, String fromName, String to,
			String subject, String text, String mailId, String inReplyTo, List<String> references, int attempts) {
	}

	/** Sends what is due, at most {@code limit} messages; returns how many were sent. */
	int deliverDue(int limit) {
		List<Queued> claimed = jdbc.sql("""
				update support_message m set delivery_next_at = now() + interval '2 minutes',
				    delivery_attempts = m.delivery_attempts + 1
				from (select workspace_id, message_id from support_message
				      where delivery = 'queued' and delivery_next_at <= now()
				      order by delivery_next_at limit :limit for update skip locked) due
				where m.workspace_id = due.workspace_id and m.message_id = due.message_id
				returning m.workspace_id, m.message_id, m.ticket_id, m.delivery_channel_id, m.from_name,
				    m.to_addresses, m.subject, m.body_text, m.mail_message_id, m.in_reply_to, m.mail_references,
				    m.delivery_attempts""")
			.param("limit", limit)
			.query((rs, n) -> {
				List<String> to = Tickets.strings(rs, "to_addresses");
				return new Queued(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
						to.isEmpty() ? null : to.get(0), rs.getString(7), rs.getString(8), rs.getString(9),
						rs.getString(10), Tickets.strings(rs, "mail_references"), rs.getInt(12));
			})
			.list();
		int sent = 0;
		for (Queued q : claimed) {
			WorkspaceId ws = new WorkspaceId(q.workspaceId());
			Optional<Channels.Connection> connection = channels.connection(ws, q.channelId());
			String error;
			try {
				if (connection.isEmpty() || q.to() == null) {
					throw new IllegalStateException("the mailbox was removed");
				}
				String fromName = (workspaces.get(ws).name() + " " + (q.fromName() == null ? "" : q.fromName())).strip();
				sender.send(connection.get(), new MailSender.Outgoing(fromName, q.to(), q.subject(), q.text(),
						q.mailId(), q.inReplyTo(), q.references()));
				mark(ws, q.messageId(), "sent", null, null);
				sent++;
				continue;
			}
			catch (jakarta.mail.MessagingException | RuntimeException ex) {
				// the reason an agent can act on, never the server's words (they may echo credentials)
				error = connection.isEmpty() || q.to() == null ? "mailbox-removed" : "smtp";
				log.warn("reply {} of ticket {} not sent (attempt {}): {}", q.messageId(), q.ticketId(), q.attempts(),
						ex.getClass().getSimpleName());
			}
			if (q.attempts() >= MAX_ATTEMPTS) {
				mark(ws, q.messageId(), "failed", error, null);
			}
			else {
				mark(ws, q.messageId(), "queued", error, Instant.now().plus(BACKOFF.get(q.attempts() - 1)));
			}
		}
		return sent;
	}

	private void mark(WorkspaceId ws, long messageId, String delivery, String error, Instant next) {
		jdbc.sql("""
				update support_message set delivery = :d, delivery_error = :e, delivery_next_at = :next
				where workspace_id = :ws and message_id = :id""")
			.param("ws", ws.value()).param("id", messageId).param("d", delivery).param("e", error)
			.param("next", next == null ? null : Timestamp.from(next), java.sql.Types.TIMESTAMP)
			.update();
	}

	/** Due now, for the job's quick check. */
	boolean anyDue() {
		return jdbc.sql("select exists (select 1 from support_message where delivery = 'queued' and delivery_next_at <= now())")
			.query(Boolean.class).single();
	}
}
