package io.kizuna.revenue;

import java.sql.Array;
import java.sql.SQLException;

import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The revenue read model (ADR 0017): each account's MRR at month ends, kept in {@code revenue_step} as the months
 * where it changes, with the movement that change is (new, reactivation, expansion, contraction, churn) and the
 * account's signup cohort. The accounts module's subscription change feed notes every changed subscription for
 * revenue, whoever writes it (ADR 0020); {@link #catchUp} claims them and recomputes the accounts concerned before a read, so reads never see an out-of-date answer and the work of a change
 * is proportional to the accounts it touches. Definitions as in {@link MrrMovements} and {@link RevenueCohorts}.
 */
@Component
class MonthEndSteps {

	private static final Logger log = LoggerFactory.getLogger(MonthEndSteps.class);

	/** First key of the advisory lock that serialises catch-ups per workspace (the second is the workspace). */
	private static final int LOCK = 0x7265_7631;

	// A subscription's states cover runs of month ends; an account's MRR changes where the runs of its subscriptions
	// start and stop, so its steps are the running sum of those +MRR/−MRR points. Every state of every subscription
	// the accounts ever had is read, so that a subscription moved between accounts ends its run where it moved.
	private static final String STEPS = """
			insert into revenue_step (workspace_id, account_id, currency, month, opening, closing, movement, cohort,
			                          cohort_plan, k)
			with subs as (
			    select distinct subscription_id from accounts_v_subscription_change
			    where workspace_id = :ws and account_id = any(:accounts)),
			spans as (
			    select c.account_id, c.currency, c.plan, c.mrr_minor, c.status, c.effective_on,
			           date_trunc('month', c.effective_on)::date as first_month,
			           (date_trunc('month', lead(c.effective_on) over w) - interval '1 month')::date as last_month
			    from accounts_v_subscription_change c
			    where c.workspace_id = :ws and c.subscription_id in (select subscription_id from subs)
			    window w as (partition by c.subscription_id order by c.effective_on, c.change_id)),
			paid as (
			    select * from spans
			    where account_id = any(:accounts) and status in ('active', 'past_due') and mrr_minor > 0),
			live as (
			    select account_id, currency, plan, mrr_minor, first_month, last_month from paid
			    where last_month is null or last_month >= first_month),
			deltas as (
			    select account_id, currency, first_month as month, mrr_minor as delta from live
			    union all
			    select account_id, currency, (last_month + interval '1 month')::date, -mrr_minor from live
			    where last_month is not null),
			changes as (
			    select account_id, currency, month, sum(delta) as delta from deltas
			    group by 1, 2, 3 having sum(delta) <> 0),
			steps as (
			    select account_id, currency, month, delta,
			           sum(delta) over (partition by account_id, currency order by month) as closing
			    from changes),
			first_paid as (
			    select account_id, currency, min(effective_on) as first_day from paid group by 1, 2),
			cohorts as (
			    select distinct on (account_id, currency) account_id, currency, first_month as cohort, plan
			    from live order by account_id, currency, first_month, mrr_minor desc, plan)
			select :ws, s.account_id, s.currency, s.month, s.closing - s.delta, s.closing,
			       case when s.closing = s.delta then
			                case when f.first_day > (s.month - interval '1 day')::date then 'new' else 'reactivation' end
			            when s.closing = 0 then 'churn'
			            when s.delta > 0 then 'expansion'
			            else 'contraction' end,
			       co.cohort, co.plan,
			       ((extract(year from s.month) - extract(year from co.cohort)) * 12
			        + extract(month from s.month) - extract(month from co.cohort))::int
			from steps s
			join first_paid f on f.account_id = s.account_id and f.currency = s.currency
			join cohorts co on co.account_id = s.account_id and co.currency = s.currency""";

	private final JdbcClient jdbc;

	MonthEndSteps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Brings the steps of every account whose subscriptions changed up to date, in the caller's (read-write)
	 * transaction, whose next statements then see them: no second connection is needed, so readers cannot exhaust the
	 * pool waiting for one. When something was pending, concurrent callers for the workspace wait for each other until
	 * the first commits; the next ones find nothing left to do. With nothing pending no lock is taken.
	 */
	void catchUp(WorkspaceId workspace) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			throw new IllegalStateException("the revenue read model catches up in a read-write transaction");
		}
		boolean pending = version(workspace).pending();
		if (pending) {
			recompute(workspace);
		}
	}

	/**
	 * Where the read model stands for the workspace: whether changes wait for a catch-up, and how many catch-ups
	 * brought changes in. An answer computed from the read model after a catch-up is current while nothing is
	 * pending and the generation has not moved — whoever wrote the changes, on whichever node.
	 */
	Version version(WorkspaceId workspace) {
		return jdbc.sql("""
				select accounts_has_subscription_changes('revenue', :ws)
				       or exists (select 1 from revenue_pending where workspace_id = :ws),
				       coalesce((select generation from revenue_catch_up where workspace_id = :ws), 0)""")
			.param("ws", workspace.value())
			.query((rs, row) -> new Version(rs.getBoolean(1), rs.getLong(2)))
			.single();
	}

	/** @param generation how many catch-ups brought changes in */
	record Version(boolean pending, long generation) {
	}

	private void recompute(WorkspaceId workspace) {
		long started = System.nanoTime();
		jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(LOCK, (int) workspace.value()).query().listOfRows();
		// First claimed, then the histories read in a later statement: the claim deletes with a snapshot of its own
		// (accounts_claim_subscription_changes is volatile), so only a later statement surely sees every change it
		// claimed. A change committed in between is read too and leaves its own row for the next catch-up.
		Claimed claimed = jdbc.sql("""
				with feed as (
				    select subscription_id, account_id from accounts_claim_subscription_changes('revenue', :ws)),
				noted as (
				    delete from revenue_pending where workspace_id = :ws returning subscription_id, account_id),
				claimed as (select * from feed union all select * from noted)
				select array(select distinct subscription_id from claimed), array(select distinct account_id from claimed)""")
			.param("ws", workspace.value())
			.query((rs, row) -> new Claimed(longs(rs.getArray(1)), longs(rs.getArray(2))))
			.single();
		if (claimed.accounts().length == 0) {
			return;
		}
		// Under the lock, so concurrent writers of subscriptions never wait for it.
		jdbc.sql("""
				insert into revenue_catch_up (workspace_id, generation) values (?, 1)
				on conflict (workspace_id) do update set generation = revenue_catch_up.generation + 1""")
			.param(workspace.value())
			.update();
		// The subscriptions' other accounts too: a subscription moved between accounts changes both.
		Long[] accounts = jdbc.sql("""
				select array(
				    select unnest(cast(:accounts as bigint[]))
				    union
				    select c.account_id from accounts_v_subscription_change c
				    where c.workspace_id = :ws and c.subscription_id = any(:subscriptions))""")
			.param("ws", workspace.value())
			.param("accounts", claimed.accounts())
			.param("subscriptions", claimed.subscriptions())
			.query((rs, row) -> longs(rs.getArray(1)))
			.single();
		if (accounts.length == 0) {
			return;
		}
		jdbc.sql("delete from revenue_step where workspace_id = ? and account_id = any(?)")
			.params(workspace.value(), accounts)
			.update();
		int steps = jdbc.sql(STEPS).param("ws", workspace.value()).param("accounts", accounts).update();
		log.debug("revenue steps of {} accounts of workspace {}: {} rows in {} ms", accounts.length, workspace.value(),
				steps, (System.nanoTime() - started) / 1_000_000);
	}

	/** The subscriptions and accounts a catch-up took from the feed. */
	private record Claimed(Long[] subscriptions, Long[] accounts) {
	}

	private static Long[] longs(Array array) throws SQLException {
		try {
			return (Long[]) array.getArray();
		}
		finally {
			array.free();
		}
	}
}
