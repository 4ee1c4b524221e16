package io.kizuna.usage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.kizuna.shared.PostgresCopy;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The append-only event table: monthly partitions, messageId deduplication, COPY for the rows. */
@Repository
class EventStore {

	private static final String COPY = """
			copy event (workspace_id, occurred_at, received_at, message_id, type, event_name, user_id, anonymous_id,
			            account_id, properties, context, write_key_id)
			from stdin with (format binary)""";

	private static final String CLAIM = "copy event_message (workspace_id, message_id, received_at) from stdin with (format binary)";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate ownTransaction;

	private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

	EventStore(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Creates the monthly partitions the messages fall in, each in a short transaction of its own. */
	void ensurePartitions(Collection<Message> messages) {
		Set<YearMonth> months = new HashSet<>();
		for (Message message : messages) {
			months.add(YearMonth.from(message.occurredAt().atOffset(ZoneOffset.UTC)));
		}
		months.removeAll(partitions);
		for (YearMonth month : months) {
			ownTransaction.executeWithoutResult(status -> {
				// Serialises nodes that create the same partition at once.
				jdbc.sql("select pg_advisory_xact_lock(hashtext('event partitions'))").query().singleValue();
				LocalDate from = month.atDay(1);
				jdbc.sql("create table if not exists event_p%d_%02d partition of event for values from ('%s') to ('%s')"
					.formatted(month.getYear(), month.getMonthValue(), from + " 00:00:00+00",
							from.plusMonths(1) + " 00:00:00+00"))
					.update();
			});
			partitions.add(month);
		}
	}

	/**
	 * Records every message id with one binary COPY, when none was seen before in this workspace: answers false on
	 * the first duplicate, which aborts the statement (the caller rolls back to a savepoint and uses claimNew).
	 */
	boolean claimAll(WorkspaceId workspace, List<Message> messages) {
		long workspaceId = workspace.value();
		try {
			PostgresCopy.copyBinary(dataSource, CLAIM, rows -> {
				for (Message m : messages) {
					rows.row(3).int8(workspaceId).text(m.messageId()).timestamptz(m.receivedAt());
				}
			});
			return true;
		}
		catch (IllegalStateException ex) {
			if (ex.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	/** Records the message ids and answers those not seen before in this workspace. */
	Set<String> claimNew(WorkspaceId workspace, List<Message> messages) {
		Set<String> fresh = new HashSet<>();
		String[] ids = new String[messages.size()];
		String[] received = new String[messages.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = messages.get(i).messageId();
			received[i] = messages.get(i).receivedAt().toString();
		}
		jdbc.sql("""
				insert into event_message (workspace_id, message_id, received_at)
				select ?, id, at from unnest(?::text[], ?::text[]::timestamptz[]) as m(id, at)
				on conflict do nothing
				returning message_id""")
			.params(workspace.value(), ids, received)
			.query(rs -> {
				fresh.add(rs.getString(1));
			});
		return fresh;
	}

	/**
	 * One binary COPY of the messages: ids are encoded into the buffer in place and the JSON members copied as the
	 * bytes they came as, so nothing is formatted, quoted or allocated per field.
	 *
	 * @param accountIds the account of each message, by position; null where none is known
	 * @param writeKeyIds the key each message's call came with, by position; null for CSV imports and the demo
	 */
	void append(WorkspaceId workspace, List<Message> messages, Long[] accountIds, Long[] writeKeyIds) {
		long workspaceId = workspace.value();
		PostgresCopy.copyBinary(dataSource, COPY, rows -> {
			for (int i = 0; i < messages.size(); i++) {
				Message m = messages.get(i);
				rows.row(12)
					.int8(workspaceId)
					.timestamptz(m.occurredAt())
					.timestamptz(m.receivedAt())
					.text(m.messageId())
					.text(m.type())
					.text(m.name())
					.text(m.userId())
					.text(m.anonymousId())
					.int8(accountIds[i]);
				jsonb(rows, m.properties());
				jsonb(rows, m.context());
				rows.int8(writeKeyIds[i]);
			}
		});
	}

	private static void jsonb(PostgresCopy.BinaryRows rows, JsonText json) {
		if (json == null) {
			rows.nul();
		}
		else {
			rows.jsonb(json.bytes(), json.offset(), json.length());
		}
	}

	/**
	 * Queues account-days for the rollups. A key already queued is locked, not skipped (DO UPDATE … WHERE false
	 * updates nothing but locks the row): a fold claims with SKIP LOCKED, so it cannot take the key while this
	 * transaction's events are uncommitted and invisible to it, and then delete it, leaving them uncounted (ADR
	 * 0045). Keys are locked in one order, so that concurrent calls wait for each other instead of deadlocking.
	 */
	void markPending(WorkspaceId workspace, Set<AccountDay> accountDays) {
		if (accountDays.isEmpty()) {
			return;
		}
		List<AccountDay> sorted = new java.util.ArrayList<>(accountDays);
		sorted.sort(java.util.Comparator.comparingLong(AccountDay::accountId).thenComparing(AccountDay::day));
		long[] accounts = new long[sorted.size()];
		String[] days = new String[sorted.size()];
		int i = 0;
		for (AccountDay key : sorted) {
			accounts[i] = key.accountId();
			days[i++] = key.day().toString();
		}
		jdbc.sql("""
				insert into rollup_pending (workspace_id, account_id, day)
				select ?, a, d::date from unnest(?::bigint[], ?::text[]) as k(a, d)
				on conflict (workspace_id, account_id, day) do update set day = excluded.day where false""")
			.params(workspace.value(), accounts, days)
			.update();
	}

	void alias(WorkspaceId workspace, String previousId, String userId) {
		jdbc.sql("""
				insert into identity_alias (workspace_id, previous_id, user_id) values (?, ?, ?)
				on conflict (workspace_id, previous_id) do update set user_id = excluded.user_id""")
			.params(workspace.value(), previousId, userId)
			.update();
	}

	Map<String, String> aliases(WorkspaceId workspace, Collection<String> ids) {
		Map<String, String> aliases = new java.util.HashMap<>();
		if (ids.isEmpty()) {
			return aliases;
		}
		jdbc.sql("select previous_id, user_id from identity_alias where workspace_id = ? and previous_id = any(?)")
			.params(workspace.value(), ids.toArray(String[]::new))
			.query(rs -> {
				aliases.put(rs.getString(1), rs.getString(2));
			});
		return aliases;
	}

	record AccountDay(long accountId, LocalDate day) {
	}
}
