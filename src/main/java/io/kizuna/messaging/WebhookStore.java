package io.kizuna.messaging;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook tables: subscriptions (with their sealed secrets) and deliveries. */
@Repository
class WebhookStore {

	record Claimed(WorkspaceId workspace, long id, long webhookId, String deliveryKey, String eventType,
			String payload, int attempts) {
	}

	record Target(Webhook webhook, String secretSealed) {
	}

	private static final String WEBHOOK_COLUMNS = "webhook_id, name, url, kind, events, active, created_at";

	private static final String DELIVERY_COLUMNS = """
			delivery_id, webhook_id, delivery_key, event_type, payload, status, attempts, response_status, last_error,
			next_attempt_at, created_at, delivered_at""";

	private final JdbcClient jdbc;

	WebhookStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Webhook add(WorkspaceId workspace, WebhookDraft draft, String secretSealed) {
		return jdbc.sql("insert into messaging_webhook (workspace_id, name, url, kind, events, secret_sealed) "
				+ "values (?, ?, ?, ?, ?::text[], ?) returning " + WEBHOOK_COLUMNS)
			.params(workspace.value(), draft.name(), draft.url(), draft.kind(), "{" + String.join(",", draft.events()) + "}",
					secretSealed)
			.query(WebhookStore::webhook)
			.single();
	}

	List<Webhook> list(WorkspaceId workspace) {
		return jdbc.sql("select " + WEBHOOK_COLUMNS + " from messaging_webhook where workspace_id = ? order by webhook_id")
			.param(workspace.value())
			.query(WebhookStore::webhook)
			.list();
	}

	Optional<Target> target(WorkspaceId workspace, long id) {
		return jdbc.sql("select " + WEBHOOK_COLUMNS + ", secret_sealed from messaging_webhook "
				+ "where workspace_id = ? and webhook_id = ?")
			.params(workspace.value(), id)
			.query((rs, n) -> new Target(webhook(rs, n), rs.getString(8)))
			.optional();
	}

	List<Long> subscribed(WorkspaceId workspace, String eventType) {
		return jdbc.sql("select webhook_id from messaging_webhook where workspace_id = ? and active and ? = any(events)")
			.params(workspace.value(), eventType)
			.query(Long.class)
			.list();
	}

	boolean setActive(WorkspaceId workspace, long id, boolean active) {
		return jdbc.sql("update messaging_webhook set active = ? where workspace_id = ? and webhook_id = ?")
			.params(active, workspace.value(), id)
			.update() > 0;
	}

	boolean delete(WorkspaceId workspace, long id) {
		return jdbc.sql("delete from messaging_webhook where workspace_id = ? and webhook_id = ?")
			.params(workspace.value(), id)
			.update() > 0;
	}

	/** Queues a delivery unless the same event was already queued for this subscription; returns its id. */
	long enqueue(WorkspaceId workspace, long webhookId, String key, String type, String payload) {
		return jdbc.sql("""
				insert into messaging_delivery (workspace_id, webhook_id, delivery_key, event_type, payload, status)
				values (?, ?, ?, ?, ?, 'queued')
				on conflict (workspace_id, webhook_id, delivery_key) do update set delivery_key = excluded.delivery_key
				returning delivery_id""")
			.params(workspace.value(), webhookId, key, type, payload)
			.query(Long.class)
			.single();
	}

	List<WebhookDelivery> deliveries(WorkspaceId workspace, Long webhookId, int limit) {
		return jdbc.sql("select " + DELIVERY_COLUMNS + """
				 from messaging_delivery where workspace_id = ? and (?::bigint is null or webhook_id = ?)
				order by created_at desc, delivery_id desc limit ?""")
			.params(workspace.value(), webhookId, webhookId, limit)
			.query(WebhookStore::delivery)
			.list();
	}

	Optional<WebhookDelivery> delivery(WorkspaceId workspace, long id) {
		return jdbc.sql("select " + DELIVERY_COLUMNS + " from messaging_delivery where workspace_id = ? and delivery_id = ?")
			.params(workspace.value(), id)
			.query(WebhookStore::delivery)
			.optional();
	}

	/** Claims due deliveries (of one delivery, when {@code only} is given) with a five-minute lease. */
	List<Claimed> claim(Long only, WorkspaceId workspace, int limit) {
		return jdbc.sql("""
				update messaging_delivery d set status = 'sending', attempts = d.attempts + 1,
				    next_attempt_at = now() + interval '5 minutes'
				where (d.workspace_id, d.delivery_id) in (
				    select workspace_id, delivery_id from messaging_delivery
				    where status in ('queued', 'retrying', 'sending') and next_attempt_at <= now()
				      and (?::bigint is null or (workspace_id = ? and delivery_id = ?))
				    order by next_attempt_at, delivery_id limit ? for update skip locked)
				returning d.workspace_id, d.delivery_id, d.webhook_id, d.delivery_key, d.event_type, d.payload, d.attempts""")
			.params(only, workspace == null ? null : workspace.value(), only, limit)
			.query((rs, n) -> new Claimed(new WorkspaceId(rs.getLong(1)), rs.getLong(2), rs.getLong(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)))
			.list();
	}

	void delivered(Claimed d, int status) {
		jdbc.sql("""
				update messaging_delivery set status = 'delivered', response_status = ?, last_error = null,
				    delivered_at = now() where workspace_id = ? and delivery_id = ?""")
			.params(status, d.workspace().value(), d.id())
			.update();
	}

	void retryLater(Claimed d, Integer status, String error, Instant next) {
		jdbc.sql("""
				update messaging_delivery set status = 'retrying', response_status = ?, last_error = ?,
				    next_attempt_at = ? where workspace_id = ? and delivery_id = ?""")
			.params(status, error, Timestamp.from(next), d.workspace().value(), d.id())
			.update();
	}

	void failed(Claimed d, Integer status, String error) {
		jdbc.sql("""
				update messaging_delivery set status = 'failed', response_status = ?, last_error = ?
				where workspace_id = ? and delivery_id = ?""")
			.params(status, error, d.workspace().value(), d.id())
			.update();
	}

	private static Webhook webhook(ResultSet rs, int n) throws SQLException {
		Array events = rs.getArray(5);
		return new Webhook(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				Arrays.asList((String[]) events.getArray()), rs.getBoolean(6), rs.getTimestamp(7).toInstant());
	}

	private static WebhookDelivery delivery(ResultSet rs, int n) throws SQLException {
		int status = rs.getInt(8);
		Integer response = rs.wasNull() ? null : status;
		return new WebhookDelivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getInt(7), response, rs.getString(9), MailStore.instant(rs.getTimestamp(10)),
				MailStore.instant(rs.getTimestamp(11)), MailStore.instant(rs.getTimestamp(12)));
	}
}
