package io.kizuna.journeys;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each account's current stage and the history of its changes (ADR 0078), written set-based. */
@Component
class AccountStages {

	/** A move to write: the account, its stage before (null: none), the stage after, what made it and when. */
	record Move(long accountId, String from, String to, Instant at, ChangeSource source, Long userId, Long ruleId,
			boolean held) {
	}

	private final JdbcClient jdbc;

	AccountStages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AccountStage> current(WorkspaceId workspace, long accountId, String externalId) {
		return jdbc.sql("select stage, entered_at, held from journeys_account_stage where workspace_id = ? and account_id = ?")
			.params(workspace.value(), accountId)
			.query((rs, n) -> new AccountStage(externalId, rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)))
			.optional();
	}

	record Current(String stage, boolean held) {
	}

	/** Current stages by account id, of the given accounts or of all (null). */
	Map<Long, Current> stages(WorkspaceId workspace, Collection<Long> only) {
		Map<Long, Current> stages = new java.util.HashMap<>();
		jdbc.sql("select account_id, stage, held from journeys_account_stage where workspace_id = ?"
				+ (only == null ? "" : " and account_id = any(?)"))
			.params(only == null ? List.of(workspace.value()) : List.of(workspace.value(), only.toArray(Long[]::new)))
			.query((rs, n) -> stages.put(rs.getLong(1), new Current(rs.getString(2), rs.getBoolean(3))))
			.list();
		return stages;
	}

	/** Writes the moves: the current stage and one history row each. */
	void apply(WorkspaceId workspace, List<Move> moves) {
		if (moves.isEmpty()) {
			return;
		}
		int n = moves.size();
		Long[] accounts = new Long[n];
		String[] from = new String[n];
		String[] to = new String[n];
		Timestamp[] at = new Timestamp[n];
		String[] source = new String[n];
		Long[] users = new Long[n];
		Long[] rules = new Long[n];
		Boolean[] held = new Boolean[n];
		for (int i = 0; i < n; i++) {
			Move m = moves.get(i);
			accounts[i] = m.accountId();
			from[i] = m.from();
			to[i] = m.to();
			at[i] = Timestamp.from(m.at());
			source[i] = m.source().code();
			users[i] = m.userId();
			rules[i] = m.ruleId();
			held[i] = m.held();
		}
		jdbc.sql("""
				with m as (select * from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bigint[],
				                                ?::bigint[], ?::boolean[]) as t(account_id, from_stage, to_stage, at, source, user_id, rule_id, held)),
				logged as (
				    insert into journeys_stage_change (workspace_id, account_id, from_stage, to_stage, changed_at, source, user_id, rule_id)
				    select ?, account_id, from_stage, to_stage, at, source, user_id, rule_id from m)
				insert into journeys_account_stage (workspace_id, account_id, stage, entered_at, held)
				select distinct on (account_id) ?::bigint, account_id, to_stage, at, held from m order by account_id, at desc
				on conflict (workspace_id, account_id) do update
				set stage = excluded.stage, entered_at = excluded.entered_at, held = excluded.held""")
			.params(accounts, from, to, at, source, users, rules, held, workspace.value(), workspace.value()).update();
	}

	void hold(WorkspaceId workspace, long accountId, boolean held) {
		jdbc.sql("update journeys_account_stage set held = ? where workspace_id = ? and account_id = ?")
			.params(held, workspace.value(), accountId).update();
	}

	/**
	 * The accounts whose lifecycle_stage (the accounts module's column) differs from the stage journeys knows: changed
	 * elsewhere, or never seen (their first stage, dated the account's creation).
	 */
	List<Move> drifted(WorkspaceId workspace, Collection<Long> only) {
		List<Object> params = new ArrayList<>(List.of(workspace.value(), workspace.value()));
		if (only != null) {
			params.add(only.toArray(Long[]::new));
		}
		Instant now = Instant.now();
		return jdbc.sql("""
				select a.account_id, s.stage, a.lifecycle_stage, a.created_at, s.account_id is null
				from accounts_v_account a
				left join journeys_account_stage s on s.workspace_id = ? and s.account_id = a.account_id
				where a.workspace_id = ? and a.lifecycle_stage is not null
				  and s.stage is distinct from a.lifecycle_stage""" + (only == null ? "" : " and a.account_id = any(?)"))
			.params(params)
			.query((rs, i) -> {
				boolean first = rs.getBoolean(5);
				return new Move(rs.getLong(1), rs.getString(2), rs.getString(3),
						first ? rs.getTimestamp(4).toInstant() : now, first ? ChangeSource.INITIAL : ChangeSource.ACCOUNT,
						null, null, false);
			})
			.list();
	}

	List<StageChange> history(WorkspaceId workspace, long accountId, String externalId, int limit) {
		return jdbc.sql("""
				select c.from_stage, c.to_stage, c.changed_at, c.source, u.display_name, c.rule_id
				from journeys_stage_change c
				left join workspace_v_user u on u.workspace_id = c.workspace_id and u.user_id = c.user_id
				where c.workspace_id = ? and c.account_id = ?
				order by c.changed_at desc, c.change_id desc limit ?""")
			.params(workspace.value(), accountId, limit)
			.query((rs, n) -> new StageChange(externalId, rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					ChangeSource.of(rs.getString(4)), rs.getString(5), rs.getObject(6, Long.class)))
			.list();
	}

	List<Long> accountsIn(WorkspaceId workspace, String stage) {
		return jdbc.sql("select account_id from journeys_account_stage where workspace_id = ? and stage = ?")
			.params(workspace.value(), stage).query(Long.class).list();
	}

	/** Inserts imported entries not already in the history; answers how many were new. */
	int insertImported(WorkspaceId workspace, List<JourneyManagement.ImportedChange> rows) {
		Long[] accounts = rows.stream().map(JourneyManagement.ImportedChange::accountId).toArray(Long[]::new);
		String[] stages = rows.stream().map(JourneyManagement.ImportedChange::stage).toArray(String[]::new);
		Timestamp[] at = rows.stream().map(r -> Timestamp.from(r.enteredAt())).toArray(Timestamp[]::new);
		return jdbc.sql("""
				insert into journeys_stage_change (workspace_id, account_id, from_stage, to_stage, changed_at, source)
				select distinct ?::bigint, r.account_id, null::text, r.stage, r.at, 'import'
				from unnest(?::bigint[], ?::text[], ?::timestamptz[]) as r(account_id, stage, at)
				where not exists (select 1 from journeys_stage_change c where c.workspace_id = ? and c.account_id = r.account_id
				                  and c.to_stage = r.stage and c.changed_at = r.at)""")
			.params(workspace.value(), accounts, stages, at, workspace.value()).update();
	}

	/**
	 * Sets each entry's from_stage to the stage entered before it, and each account's current stage to its latest
	 * entry; answers the accounts whose current stage changed (to mirror into the accounts' column).
	 */
	List<Move> relink(WorkspaceId workspace, Collection<Long> ids) {
		Long[] scope = ids.toArray(Long[]::new);
		jdbc.sql("""
				update journeys_stage_change c set from_stage = p.previous
				from (select change_id, lag(to_stage) over (partition by account_id order by changed_at, change_id) as previous
				      from journeys_stage_change where workspace_id = ? and account_id = any(?)) p
				where c.workspace_id = ? and c.change_id = p.change_id and c.from_stage is distinct from p.previous""")
			.params(workspace.value(), scope, workspace.value()).update();
		Instant now = Instant.now();
		return jdbc.sql("""
				with latest as (
				    select distinct on (account_id) account_id, to_stage, changed_at
				    from journeys_stage_change where workspace_id = ? and account_id = any(?)
				    order by account_id, changed_at desc, change_id desc),
				before as (
				    select l.account_id, s.stage as old_stage, l.to_stage, l.changed_at
				    from latest l left join journeys_account_stage s on s.workspace_id = ? and s.account_id = l.account_id
				    where s.stage is distinct from l.to_stage or s.entered_at is distinct from l.changed_at),
				upserted as (
				    insert into journeys_account_stage (workspace_id, account_id, stage, entered_at, held)
				    select ?, account_id, to_stage, changed_at, false from before
				    on conflict (workspace_id, account_id) do update set stage = excluded.stage, entered_at = excluded.entered_at)
				select account_id, old_stage, to_stage from before where old_stage is distinct from to_stage""")
			.params(workspace.value(), scope, workspace.value(), workspace.value())
			.query((rs, n) -> new Move(rs.getLong(1), rs.getString(2), rs.getString(3), now, ChangeSource.IMPORT, null,
					null, false))
			.list();
	}

	static List<AccountId> ids(Collection<Long> ids) {
		return ids.stream().map(AccountId::new).toList();
	}
}
