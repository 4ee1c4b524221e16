package io.kizuna.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The public channels' tables: settings, form sessions, chat tokens; every statement scoped by workspace. */
@Repository
class PublicChannelStore {

	private final JdbcClient jdbc;

	PublicChannelStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PublicChannelSettings> settings(WorkspaceId ws) {
		return jdbc.sql("""
				select form_enabled, chat_enabled, chat_origins, csat_enabled, csat_scale, csat_question_ja,
				       csat_question_en from support_public_settings where workspace_id = :ws""")
			.param("ws", ws.value())
			.query((rs, n) -> new PublicChannelSettings(rs.getBoolean(1), rs.getBoolean(2), Tickets.strings(rs, "chat_origins"),
					rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getString(7)))
			.optional();
	}

	void save(WorkspaceId ws, PublicChannelSettings s) {
		jdbc.sql("""
				insert into support_public_settings (workspace_id, form_enabled, chat_enabled, chat_origins, csat_enabled,
				    csat_scale, csat_question_ja, csat_question_en)
				values (:ws, :form, :chat, string_to_array(:origins, chr(31)), :csat, :scale, :ja, :en)
				on conflict (workspace_id) do update set form_enabled = excluded.form_enabled,
				    chat_enabled = excluded.chat_enabled, chat_origins = excluded.chat_origins,
				    csat_enabled = excluded.csat_enabled, csat_scale = excluded.csat_scale,
				    csat_question_ja = excluded.csat_question_ja, csat_question_en = excluded.csat_question_en,
				    updated_at = now()""")
			.param("ws", ws.value()).param("form", s.formEnabled()).param("chat", s.chatEnabled())
			.param("origins", String.join("\u001f", s.chatOrigins())).param("csat", s.csatEnabled())
			.param("scale", s.csatScale()).param("ja", s.csatQuestionJa()).param("en", s.csatQuestionEn())
			.update();
	}

	/** A suggested article was opened during the visit. */
	void opened(WorkspaceId ws, String session) {
		jdbc.sql("""
				insert into support_form_session (workspace_id, session_id, articles_opened, last_opened_at)
				values (:ws, :session, 1, now())
				on conflict (workspace_id, session_id) do update
				set articles_opened = least(support_form_session.articles_opened + 1, 1000), last_opened_at = now()""")
			.param("ws", ws.value()).param("session", session).update();
	}

	void submitted(WorkspaceId ws, String session, long ticketId) {
		jdbc.sql("""
				insert into support_form_session (workspace_id, session_id, ticket_id) values (:ws, :session, :ticket)
				on conflict (workspace_id, session_id) do update set ticket_id = coalesce(support_form_session.ticket_id, :ticket)""")
			.param("ws", ws.value()).param("session", session).param("ticket", ticketId).update();
	}

	/** Per month (in the zone): visits that opened a suggested article, and of those the ones that sent no ticket. */
	List<FormDeflection> deflection(WorkspaceId ws, String zone, Instant from) {
		return jdbc.sql("""
				select to_char(date_trunc('month', started_at at time zone :zone), 'YYYY-MM') as month,
				       count(*) filter (where articles_opened > 0) as opened,
				       count(*) filter (where articles_opened > 0 and ticket_id is null) as deflected,
				       count(*) filter (where ticket_id is not null) as submitted
				from support_form_session where workspace_id = :ws and started_at >= :from
				group by 1 order by 1""")
			.param("ws", ws.value()).param("zone", zone).param("from", Timestamp.from(from))
			.query((rs, n) -> new FormDeflection(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	void insertChat(WorkspaceId ws, long ticketId, Long accountId, byte[] tokenSha, String origin) {
		jdbc.sql("""
				insert into support_chat (workspace_id, ticket_id, account_id, token_sha256, origin)
				values (:ws, :ticket, :account, :sha, :origin)""")
			.param("ws", ws.value()).param("ticket", ticketId).param("account", accountId).param("sha", tokenSha)
			.param("origin", origin).update();
	}

	Optional<byte[]> chatToken(WorkspaceId ws, long ticketId) {
		return jdbc.sql("select token_sha256 from support_chat where workspace_id = :ws and ticket_id = :ticket")
			.param("ws", ws.value()).param("ticket", ticketId).query(byte[].class).optional();
	}

	void visitorSeen(WorkspaceId ws, long ticketId) {
		jdbc.sql("update support_chat set last_visitor_at = now() where workspace_id = :ws and ticket_id = :ticket")
			.param("ws", ws.value()).param("ticket", ticketId).update();
	}

	boolean isChat(WorkspaceId ws, long ticketId) {
		return jdbc.sql("select exists (select 1 from support_chat where workspace_id = :ws and ticket_id = :ticket)")
			.param("ws", ws.value()).param("ticket", ticketId).query(Boolean.class).single();
	}

	/** The chat's lines after {@code after}: what the visitor and agents said and the system's notices, never notes. */
	List<ChatLine> lines(WorkspaceId ws, long ticketId, long after, int limit) {
		return jdbc.sql("""
				select message_id, kind, from_name, body_text, created_at from support_message
				where workspace_id = :ws and ticket_id = :ticket and message_id > :after
				  and kind in ('customer', 'agent', 'system')
				order by message_id limit :limit""")
			.param("ws", ws.value()).param("ticket", ticketId).param("after", after).param("limit", limit)
			.query((rs, n) -> new ChatLine(rs.getLong(1), switch (rs.getString(2)) {
				case "customer" -> "visitor";
				case "agent" -> "agent";
				default -> "system";
			}, rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}
}
