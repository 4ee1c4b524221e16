package io.kizuna.accounts;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.Money;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Subscriptions {

	private static final String SELECT = """
			select s.subscription_id, s.external_id, a.external_id, s.product, s.plan, s.mrr_minor, s.currency, s.seats,
			       s.status, s.started_on, s.current_term_end, s.canceled_on, s.cancel_reason
			from subscription s
			join account a on a.workspace_id = s.workspace_id and a.account_id = s.account_id
			""";

	private final JdbcClient jdbc;

	Subscriptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Subscription> find(WorkspaceId workspace, String externalId) {
		return jdbc.sql(SELECT + " where s.workspace_id = ? and s.external_id = ?")
			.params(workspace.value(), externalId)
			.query(Subscriptions::map)
			.optional();
	}

	Page<Subscription> list(WorkspaceId workspace, Long accountId, String status, int page, int size) {
		StringBuilder where = new StringBuilder(" where s.workspace_id = :ws");
		Map<String, Object> params = new HashMap<>();
		params.put("ws", workspace.value());
		if (accountId != null) {
			where.append(" and s.account_id = :account");
			params.put("account", accountId);
		}
		if (status != null) {
			where.append(" and s.status = :status");
			params.put("status", status);
		}
		long total = jdbc.sql("select count(*) from subscription s" + where).params(params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Subscription> items = jdbc.sql(SELECT + where + " order by s.subscription_id limit :limit offset :offset")
			.params(params)
			.query(Subscriptions::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	/**
	 * Records a state of the subscription as of {@code effectiveOn} and makes the row show the latest state. A state
	 * equal to the one already in effect that day is not a change and adds nothing, so imports can be re-run.
	 *
	 * @return whether a new state was recorded in the history
	 */
	boolean save(WorkspaceId workspace, String externalId, long accountId, Subscription state, LocalDate effectiveOn) {
		long id = jdbc.sql("""
				insert into subscription as s (workspace_id, external_id, account_id, product, plan, mrr_minor, currency,
				                               seats, status, started_on, current_term_end, canceled_on, cancel_reason)
				values (:ws, :externalId, :account, :product, :plan, :mrr, :currency, :seats, :status, :started,
				        :termEnd, :canceled, :reason)
				on conflict (workspace_id, external_id) do update set
				    account_id = excluded.account_id, product = excluded.product,
				    started_on = least(s.started_on, excluded.started_on),
				    current_term_end = excluded.current_term_end, canceled_on = excluded.canceled_on,
				    cancel_reason = excluded.cancel_reason, updated_at = now()
				returning subscription_id""")
			.param("ws", workspace.value())
			.param("externalId", externalId)
			.param("account", accountId)
			.param("product", state.product())
			.param("plan", state.plan())
			.param("mrr", state.mrr().minorUnits())
			.param("currency", state.mrr().currency().getCurrencyCode())
			.param("seats", state.seats())
			.param("status", state.status().code())
			.param("started", Date.valueOf(state.startedOn()))
			.param("termEnd", date(state.currentTermEnd()))
			.param("canceled", date(state.canceledOn()))
			.param("reason", state.cancelReason())
			.query(Long.class)
			.single();
		boolean recorded = jdbc.sql("""
				insert into subscription_change (workspace_id, subscription_id, account_id, effective_on, plan, mrr_minor,
				                                 currency, seats, status, current_term_end)
				select :ws, :id, :account, :effective, :plan, :mrr, :currency, :seats, :status, cast(:termEnd as date)
				where not exists (
				    select 1 from (
				        select plan, mrr_minor, currency, seats, status, current_term_end from subscription_change
				        where workspace_id = :ws and subscription_id = :id and effective_on <= :effective
				        order by effective_on desc, change_id desc limit 1) c
				    where c.plan = :plan and c.mrr_minor = :mrr and c.currency = :currency and c.seats = :seats
				      and c.status = :status and c.current_term_end is not distinct from cast(:termEnd as date))""")
			.param("ws", workspace.value())
			.param("id", id)
			.param("account", accountId)
			.param("effective", Date.valueOf(effectiveOn))
			.param("plan", state.plan())
			.param("mrr", state.mrr().minorUnits())
			.param("currency", state.mrr().currency().getCurrencyCode())
			.param("seats", state.seats())
			.param("status", state.status().code())
			.param("termEnd", date(state.currentTermEnd()))
			.update() > 0;
		// The row shows the latest state by effective date, whatever order the history arrived in.
		jdbc.sql("""
				update subscription s set plan = c.plan, mrr_minor = c.mrr_minor, currency = c.currency, seats = c.seats,
				                          status = c.status
				from (select plan, mrr_minor, currency, seats, status from subscription_change
				      where workspace_id = :ws and subscription_id = :id
				      order by effective_on desc, change_id desc limit 1) c
				where s.workspace_id = :ws and s.subscription_id = :id""")
			.param("ws", workspace.value())
			.param("id", id)
			.update();
		return recorded;
	}

	List<SubscriptionChange> history(WorkspaceId workspace, String externalId) {
		return jdbc.sql("""
				select c.effective_on, c.recorded_at, c.plan, c.mrr_minor, c.currency, c.seats, c.status
				from subscription_change c
				join subscription s on s.workspace_id = c.workspace_id and s.subscription_id = c.subscription_id
				where c.workspace_id = ? and s.external_id = ?
				order by c.effective_on, c.change_id""")
			.params(workspace.value(), externalId)
			.query((rs, row) -> new SubscriptionChange(rs.getDate(1).toLocalDate(), rs.getTimestamp(2).toInstant(),
					rs.getString(3), rs.getLong(4), rs.getString(5), rs.getInt(6),
					SubscriptionStatus.fromCode(rs.getString(7))))
			.list();
	}

	private static Date date(LocalDate date) {
		return date == null ? null : Date.valueOf(date);
	}

	private static Subscription map(ResultSet rs, int row) throws SQLException {
		return new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				Money.of(rs.getLong(6), rs.getString(7)), rs.getInt(8), SubscriptionStatus.fromCode(rs.getString(9)),
				rs.getDate(10).toLocalDate(), localDate(rs.getDate(11)), localDate(rs.getDate(12)), rs.getString(13));
	}

	private static LocalDate localDate(Date date) {
		return date == null ? null : date.toLocalDate();
	}
}
