package io.kizuna.support;

import java.util.List;
import java.util.function.Consumer;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextSource;
import io.kizuna.text.CustomerTextsWritten;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tickets as customer text (source {@code ticket}): what customers wrote (mail, form, chat, REST), never agents'
 * replies, notes or machine mail. Every text links to its ticket's page. New ones are announced with one
 * {@link CustomerTextsWritten} per request (a mail, a form, a chat message) or per import batch.
 */
@Component
class SupportTexts implements CustomerTextSource {

	static final String SOURCE = "ticket";

	static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	SupportTexts(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public void forEachBatch(WorkspaceId workspace, Consumer<List<CustomerText>> batch) {
		long after = 0;
		while (true) {
			List<CustomerText> texts = page(workspace, after, null, BATCH);
			if (texts.isEmpty()) {
				return;
			}
			batch.accept(texts);
			after = Long.parseLong(texts.get(texts.size() - 1).sourceId());
			if (texts.size() < BATCH) {
				return;
			}
		}
	}

	/** Announces the customer messages given (their ids); those that are not customer text are left out. */
	void written(WorkspaceId workspace, List<Long> messageIds) {
		if (messageIds.isEmpty()) {
			return;
		}
		List<CustomerText> texts = page(workspace, 0, messageIds, messageIds.size());
		if (!texts.isEmpty()) {
			events.publishEvent(new CustomerTextsWritten(workspace, texts));
		}
	}

	/** Announces the customer messages of the tickets given (an import batch), in one event. */
	void writtenTickets(WorkspaceId workspace, List<Long> ticketIds) {
		if (ticketIds.isEmpty()) {
			return;
		}
		written(workspace, jdbc.sql("""
				select message_id from support_message where workspace_id = :ws and ticket_id in (:tickets)
				  and kind = 'customer' and automatic is null order by message_id""")
			.param("ws", workspace.value()).param("tickets", ticketIds).query(Long.class).list());
	}

	private List<CustomerText> page(WorkspaceId workspace, long after, List<Long> only, int limit) {
		return jdbc.sql("""
				select m.message_id, m.ticket_id, m.account_id, t.subject, m.body_text, m.created_at,
				       m.message_id = (select min(f.message_id) from support_message f
				                       where f.workspace_id = m.workspace_id and f.ticket_id = m.ticket_id) as first
				from support_message m join support_ticket t on t.workspace_id = m.workspace_id and t.ticket_id = m.ticket_id
				where m.workspace_id = :ws and m.kind = 'customer' and m.automatic is null and m.message_id > :after
				  and (cast(:filtered as boolean) is false or m.message_id in (:only))
				order by m.message_id limit :limit""")
			.param("ws", workspace.value()).param("after", after).param("filtered", only != null)
			.param("only", only == null ? List.of(-1L) : only).param("limit", limit)
			.query((rs, n) -> {
				long account = rs.getLong("account_id");
				AccountId accountId = rs.wasNull() ? null : new AccountId(account);
				String body = rs.getString("body_text") == null ? "" : rs.getString("body_text");
				// the first message of a ticket carries its subject, the customer's own words too
				String text = rs.getBoolean("first") ? rs.getString("subject") + "\n" + body : body;
				return new CustomerText(workspace, SOURCE, Long.toString(rs.getLong("message_id")),
						accountId,
						text.length() > 20_000 ? text.substring(0, 20_000) : text,
						rs.getTimestamp("created_at").toInstant(), "/support/tickets/" + rs.getLong("ticket_id"));
			})
			.list();
	}
}
