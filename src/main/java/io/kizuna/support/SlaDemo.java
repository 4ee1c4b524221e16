package io.kizuna.support;

import java.util.List;

import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives the demo's tickets a past (after support's demo has made them, just now): each is moved back up to 60 days,
 * agents answered the pending and solved ones, a third of them days late, so that the inbox shows breached and
 * running clocks and the SLA report has months, met and breached targets. Then every ticket's clocks are computed.
 */
@Component
class SlaDemo implements DemoContribution {

	private final JdbcClient jdbc;

	private final SupportDesk desk;

	private final TicketSla sla;

	private final TransactionTemplate transactions;

	SlaDemo(JdbcClient jdbc, SupportDesk desk, TicketSla sla, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.desk = desk;
		this.sla = sla;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public int order() {
		return 305; // before the public channels' tickets, which are dated already
	}

	/**
	 * In one transaction, tried again if PostgreSQL picks it as a deadlock's victim: support's listeners for the
	 * tickets just made may still be writing the same SLA rows, and the rolled-back attempt leaves nothing behind.
	 */
	@Override
	public void load(DemoWorkspace demo) {
		for (int attempt = 1;; attempt++) {
			try {
				transactions.executeWithoutResult(tx -> date(demo));
				return;
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	private void date(DemoWorkspace demo) {
		long ws = demo.workspace().value();
		boolean fresh = jdbc.sql("""
				select exists (select 1 from support_ticket where workspace_id = :ws)
				   and not exists (select 1 from support_ticket where workspace_id = :ws
				                   and created_at < now() - interval '1 hour')""")
			.param("ws", ws).query(Boolean.class).single();
		if (!fresh) {
			return;
		}
		List<Long> ids = jdbc.sql("select ticket_id from support_ticket where workspace_id = :ws order by ticket_id")
			.param("ws", ws).query(Long.class).list();
		for (long id : ids) {
			String status = desk.ticket(demo.workspace(), id).status();
			if (List.of("pending", "solved").contains(status)) {
				desk.reply(demo.workspace(), id, null, demo.japanese() ? "ご連絡ありがとうございます。確認いたしました。"
						: "Thank you, we have looked into it.", status);
			}
		}
		// one in eight stays recent (clocks still running), chosen by a hash so that no kind of demo ticket (they
		// rotate by number) is all recent; the others spread over the eight weeks before, so a week has as many
		// tickets as any other and text analytics finds a usual level in them
		jdbc.sql("""
				with shift as (
				    select ticket_id, answered_after,
				           case when recent then interval '0'
				                else answered_after * 2 + interval '7 days'
				                     + make_interval(hours => (ticket_id * 37 % 1272)::int) end as back
				    from (select ticket_id, recent,
				                 case when recent then interval '0' when ticket_id % 3 = 0 then interval '3 days'
				                      else interval '40 minutes' end as answered_after
				          from (select ticket_id, abs(hashint4(cast(ticket_id as int))) % 8 = 0 as recent
				                from support_ticket where workspace_id = :ws) h) a),
				t as (update support_ticket s set created_at = s.created_at - shift.back,
				          updated_at = s.updated_at - shift.back + shift.answered_after,
				          status_changed_at = s.status_changed_at - shift.back + shift.answered_after,
				          last_customer_at = s.last_customer_at - shift.back,
				          first_response_at = s.first_response_at - shift.back + shift.answered_after,
				          last_agent_at = s.last_agent_at - shift.back + shift.answered_after,
				          solved_at = s.solved_at - shift.back + shift.answered_after * 2,
				          closed_at = s.closed_at - shift.back + shift.answered_after * 2
				      from shift where s.workspace_id = :ws and s.ticket_id = shift.ticket_id returning 1),
				c as (update support_ticket_change c set at = c.at - shift.back
				          + case when c.field = 'created' then interval '0' else shift.answered_after end
				      from shift where c.workspace_id = :ws and c.ticket_id = shift.ticket_id returning 1),
				m as (update support_message m set created_at = m.created_at - shift.back
				          + case when m.kind = 'customer' then interval '0' else shift.answered_after end
				      from shift where m.workspace_id = :ws and m.ticket_id = shift.ticket_id returning 1)
				select (select count(*) from t) + (select count(*) from c) + (select count(*) from m)""")
			.param("ws", ws).query(Long.class).single();
		jdbc.sql("delete from support_ticket_change where workspace_id = :ws and field = 'sla_policy'").param("ws", ws)
			.update();
		jdbc.sql("delete from support_ticket_sla where workspace_id = :ws").param("ws", ws).update();
		sla.refresh(demo.workspace(), ids);
	}
}
