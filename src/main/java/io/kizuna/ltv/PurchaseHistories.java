package io.kizuna.ltv;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the transaction log as the models need it: one amount per customer and day (the workspace's days). */
@Repository
class PurchaseHistories {

	private final JdbcClient jdbc;

	PurchaseHistories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The log's purchases in one currency, summed per customer and day, and each customer's linked account. */
	record Log(String currency, LocalDate lastDay, List<Transaction> days, Map<String, String> accountOfCustomer) {
	}

	/** The currency most purchases are in, or empty when the log is empty. */
	Optional<String> mainCurrency(WorkspaceId workspace) {
		return jdbc.sql("""
				select currency from customer_transaction where workspace_id = ?
				group by currency order by count(*) desc, currency limit 1""")
			.param(workspace.value())
			.query(String.class)
			.optional()
			.map(String::trim);
	}

	Log read(WorkspaceId workspace, String currency, ZoneId zone, LocalDate until) {
		int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		List<Transaction> days = new ArrayList<>();
		Map<String, String> accounts = new HashMap<>();
		LocalDate[] last = { null };
		jdbc.sql("""
				select t.customer_id, (t.occurred_at at time zone :zone)::date as day, sum(t.amount_minor),
				       max(a.external_id)
				from customer_transaction t
				left join accounts_v_account a on a.workspace_id = t.workspace_id and a.account_id = t.account_id
				where t.workspace_id = :ws and t.currency = :currency
				  and (cast(:until as date) is null or (t.occurred_at at time zone :zone)::date <= :until)
				group by 1, 2""")
			.param("ws", workspace.value())
			.param("zone", zone.getId())
			.param("currency", currency)
			.param("until", until == null ? null : Date.valueOf(until))
			.query(rs -> {
				LocalDate day = rs.getDate(2).toLocalDate();
				days.add(new Transaction(rs.getString(1), day, BigDecimal.valueOf(rs.getLong(3), digits)));
				if (rs.getString(4) != null) {
					accounts.put(rs.getString(1), rs.getString(4));
				}
				if (last[0] == null || day.isAfter(last[0])) {
					last[0] = day;
				}
			});
		return new Log(currency, last[0], days, accounts);
	}
}
