package io.kizuna.ltv;

import java.util.List;

import io.kizuna.accounts.Page;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's purchases. Linking rule: a purchase belongs to the contact whose external id is its customer id
 * (and to that contact's account), else to the account with that external id; purchases of customers unknown at
 * the time are linked when the models are next refreshed.
 */
@Service
public class TransactionLog {

	public static final int MAX_BATCH = 10_000;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	TransactionLog(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** What a batch did: purchases stored, and purchases recognised by their source id as stored before. */
	public record Recorded(long stored, long duplicates) {
	}

	/** Stores the batch in one statement; drafts whose source id is already stored are counted, not stored. */
	@Transactional
	public Recorded record(WorkspaceId workspace, List<TransactionDraft> drafts) {
		if (drafts.size() > MAX_BATCH) {
			throw new InvalidInputException("at most " + MAX_BATCH + " transactions at once");
		}
		if (drafts.isEmpty()) {
			return new Recorded(0, 0);
		}
		int n = drafts.size();
		String[] sources = new String[n];
		String[] customers = new String[n];
		String[] times = new String[n];
		Long[] amounts = new Long[n];
		String[] currencies = new String[n];
		for (int i = 0; i < n; i++) {
			TransactionDraft d = drafts.get(i);
			sources[i] = d.sourceId();
			customers[i] = d.customerId();
			times[i] = d.occurredAt().toString();
			amounts[i] = d.amountMinor();
			currencies[i] = d.currency();
		}
		// distinct on: a source id twice in one batch is one purchase, like a source id stored before.
		int stored = jdbc.sql("""
				insert into customer_transaction
				    (workspace_id, source_id, customer_id, account_id, contact_id, occurred_at, amount_minor, currency)
				select distinct on (t.source_id) :ws, t.source_id, t.customer_id, coalesce(c.account_id, a.account_id),
				       c.contact_id, t.occurred_at, t.amount, t.currency
				from unnest(cast(:sources as text[]), cast(:customers as text[]), cast(:times as timestamptz[]),
				            cast(:amounts as bigint[]), cast(:currencies as text[]))
				     as t(source_id, customer_id, occurred_at, amount, currency)
				left join accounts_v_contact c on c.workspace_id = :ws and c.external_id = t.customer_id
				left join accounts_v_account a on a.workspace_id = :ws and a.external_id = t.customer_id
				order by t.source_id
				on conflict (workspace_id, source_id) do nothing""")
			.param("ws", workspace.value())
			.param("sources", sources)
			.param("customers", customers)
			.param("times", times)
			.param("amounts", amounts)
			.param("currencies", currencies)
			.update();
		if (stored > 0) {
			events.publishEvent(new TransactionsRecorded(workspace, stored));
		}
		return new Recorded(stored, n - stored);
	}

	/** Newest first; {@code customer} null for all customers. */
	public Page<LoggedTransaction> transactions(WorkspaceId workspace, String customer, int page, int size) {
		if (page < 0 || size < 1 || size > 500) {
			throw new InvalidInputException("page ≥ 0 and size between 1 and 500");
		}
		List<LoggedTransaction> items = jdbc.sql("""
				select t.source_id, t.customer_id, t.occurred_at, t.amount_minor, t.currency, a.external_id, c.external_id
				from customer_transaction t
				left join accounts_v_account a on a.workspace_id = t.workspace_id and a.account_id = t.account_id
				left join accounts_v_contact c on c.workspace_id = t.workspace_id and c.contact_id = t.contact_id
				where t.workspace_id = :ws and (cast(:customer as text) is null or t.customer_id = :customer)
				order by t.occurred_at desc, t.transaction_id desc
				limit :size offset :offset""")
			.param("ws", workspace.value())
			.param("customer", customer)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new LoggedTransaction(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					Money.of(rs.getLong(4), rs.getString(5).trim()), rs.getString(6), rs.getString(7)))
			.list();
		long total = jdbc.sql("""
				select count(*) from customer_transaction
				where workspace_id = :ws and (cast(:customer as text) is null or customer_id = :customer)""")
			.param("ws", workspace.value())
			.param("customer", customer)
			.query(Long.class)
			.single();
		return new Page<>(items, page, size, total);
	}

	/** Links purchases of customers that have become known as contacts or accounts since they were stored. */
	@Transactional
	public int linkNewlyKnownCustomers(WorkspaceId workspace) {
		return jdbc.sql("""
				update customer_transaction t set contact_id = m.contact_id, account_id = m.account_id
				from (select u.transaction_id, c.contact_id, coalesce(c.account_id, a.account_id) as account_id
				      from customer_transaction u
				      left join accounts_v_contact c on c.workspace_id = u.workspace_id and c.external_id = u.customer_id
				      left join accounts_v_account a on a.workspace_id = u.workspace_id and a.external_id = u.customer_id
				      where u.workspace_id = :ws and u.account_id is null and u.contact_id is null
				        and (c.contact_id is not null or a.account_id is not null)) m
				where t.workspace_id = :ws and t.transaction_id = m.transaction_id""")
			.param("ws", workspace.value())
			.update();
	}
}
