package io.kizuna.accounts;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every account of a workspace as it stood on a day, computed set-based from the subscription history. */
@Repository
class AccountStates {

	private final JdbcClient jdbc;

	AccountStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** States at the end of the day before {@code asOf}: only what was known before it counts. */
	List<AccountState> asOf(WorkspaceId workspace, String timeZone, LocalDate asOf) {
		return asOf(workspace, timeZone, asOf, null);
	}

	/** As {@link #asOf(WorkspaceId, String, LocalDate)}, for these accounts only (null: every account). */
	List<AccountState> asOf(WorkspaceId workspace, String timeZone, LocalDate asOf, Long[] accountIds) {
		return jdbc.sql("""
				with latest as (
				    select distinct on (c.subscription_id) c.account_id, c.status, c.mrr_minor, c.currency, c.seats,
				           c.current_term_end
				    from subscription_change c
				    where c.workspace_id = :ws and c.effective_on < :asOf
				      and (cast(:ids as bigint[]) is null or c.account_id = any(:ids))
				    order by c.subscription_id, c.effective_on desc, c.change_id desc),
				subs as (
				    select l.account_id,
				           min(case l.status when 'active' then 1 when 'past_due' then 2 when 'trial' then 3 else 4 end) as rank,
				           sum(l.mrr_minor) filter (where l.status <> 'canceled') as mrr,
				           min(l.currency) as currency,
				           sum(l.seats) filter (where l.status <> 'canceled') as seats,
				           min(l.current_term_end) filter (where l.status in ('active', 'past_due')) as renewal,
				           min(l.current_term_end) filter (where l.status = 'trial') as trial_end
				    from latest l group by l.account_id),
				starts as (
				    select account_id, min(effective_on) as first_start from subscription_change
				    where workspace_id = :ws and effective_on < :asOf
				      and (cast(:ids as bigint[]) is null or account_id = any(:ids)) group by account_id),
				notes as (
				    select account_id, max(created_at) as last_note from account_note
				    where workspace_id = :ws and created_at < (cast(:asOf as date)::timestamp at time zone :tz)
				      and (cast(:ids as bigint[]) is null or account_id = any(:ids))
				    group by account_id)
				select a.account_id, a.external_id, a.name, a.tier, a.owner_user_id,
				       case s.rank when 1 then 'active' when 2 then 'past_due' when 3 then 'trial' when 4 then 'canceled' end,
				       coalesce(s.mrr, 0), s.currency, coalesce(s.seats, 0), st.first_start, s.renewal, s.trial_end,
				       n.last_note
				from account a
				left join subs s on s.account_id = a.account_id
				left join starts st on st.account_id = a.account_id
				left join notes n on n.account_id = a.account_id
				where a.workspace_id = :ws and (cast(:ids as bigint[]) is null or a.account_id = any(:ids))
				order by a.account_id""")
			.param("ws", workspace.value())
			.param("ids", accountIds)
			.param("asOf", Date.valueOf(asOf))
			.param("tz", timeZone)
			.query((rs, row) -> new AccountState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, Long.class),
					rs.getString(6) == null ? null : SubscriptionStatus.fromCode(rs.getString(6)), rs.getLong(7),
					rs.getString(8), rs.getInt(9), localDate(rs.getDate(10)), localDate(rs.getDate(11)),
					localDate(rs.getDate(12)), instant(rs.getTimestamp(13))))
			.list();
	}

	private static LocalDate localDate(Date date) {
		return date == null ? null : date.toLocalDate();
	}

	private static java.time.Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
