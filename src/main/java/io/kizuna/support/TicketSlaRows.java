package io.kizuna.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.kizuna.calendars.SlaEvaluation;
import io.kizuna.calendars.SlaMeasure;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the SLA clocks of tickets are computed from (the ticket, its status and policy changes, its responses, its
 * account's tier and segments) and where their results are kept ({@code support_ticket_sla}); every statement scoped
 * by workspace and read in bulk, a batch of tickets at a time.
 */
@Repository
class TicketSlaRows {

	private final JdbcClient jdbc;

	TicketSlaRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a ticket's SLA depends on. */
	record Source(long ticketId, Instant createdAt, String status, String priority, Long accountId, String tier,
			Set<String> segmentKeys, boolean merged, List<Event> events) {
	}

	/** A status change ({@code field} status), a policy change (sla_policy), a response (agent) or a message (customer). */
	record Event(Instant at, String field, String value) {
	}

	/** The ticket's stored SLA summary, as the inbox and the ticket page show it. */
	record Stored(long ticketId, String policyKey, boolean open, String firstResponseState, Instant firstResponseDueAt,
			String nextResponseState, Instant nextResponseDueAt, String resolutionState, Instant resolutionDueAt,
			Instant nextDueAt, Instant warnAt, boolean breached, Instant warnedDueAt, int breaches,
			int breachesPublished, Long accountId) {
	}

	Map<Long, Source> sources(WorkspaceId ws, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, Source> out = new HashMap<>();
		Map<Long, List<Event>> events = new HashMap<>();
		Map<Long, Set<String>> segments = new HashMap<>();
		jdbc.sql("""
				select t.ticket_id, t.account_id, s.key from support_ticket t
				join segments_v_member m on m.workspace_id = t.workspace_id and m.account_id = t.account_id
				join segments_v_segment s on s.workspace_id = m.workspace_id and s.segment_id = m.segment_id
				where t.workspace_id = :ws and t.ticket_id in (:ids)""")
			.param("ws", ws.value()).param("ids", ids)
			.query(rs -> {
				segments.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(3));
			});
		jdbc.sql("""
				select ticket_id, at, field, new_value from support_ticket_change
				where workspace_id = :ws and ticket_id in (:ids) and field in ('status', 'sla_policy')
				union all
				select ticket_id, created_at, kind, null from support_message
				where workspace_id = :ws and ticket_id in (:ids) and automatic is null
				  and kind in ('agent', 'call', 'customer')
				order by 1, 2""")
			.param("ws", ws.value()).param("ids", ids)
			.query(rs -> {
				events.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new Event(rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)));
			});
		jdbc.sql("""
				select t.ticket_id, t.created_at, t.status, t.priority, t.account_id, a.tier, t.merged_into_id
				from support_ticket t
				left join accounts_v_account a on a.workspace_id = t.workspace_id and a.account_id = t.account_id
				where t.workspace_id = :ws and t.ticket_id in (:ids)""")
			.param("ws", ws.value()).param("ids", ids)
			.query(rs -> {
				long id = rs.getLong(1);
				long account = rs.getLong(5);
				Long accountId = rs.wasNull() ? null : account;
				rs.getLong(7);
				boolean merged = !rs.wasNull();
				out.put(id, new Source(id, rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), accountId,
						rs.getString(6), segments.getOrDefault(id, Set.of()), merged, events.getOrDefault(id, List.of())));
			});
		return out;
	}

	/** A policy change to record in a ticket's history. */
	record PolicyChange(long ticketId, String from, String to, Instant at) {
	}

	/** Records a batch's policy changes in one statement (a policy edit can change thousands at once). */
	void recordPolicies(WorkspaceId ws, List<PolicyChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into support_ticket_change (workspace_id, ticket_id, at, field, old_value, new_value)
				select :ws, c.ticket, c.at, 'sla_policy', c.old, c.new
				from unnest(cast(:tickets as bigint[]), cast(:at as timestamptz[]), cast(:old as text[]),
				            cast(:new as text[])) as c(ticket, at, old, new)""")
			.param("ws", ws.value())
			.param("tickets", changes.stream().map(PolicyChange::ticketId).toArray(Long[]::new))
			.param("at", changes.stream().map(c -> c.at().toString()).toArray(String[]::new))
			.param("old", changes.stream().map(PolicyChange::from).toArray(String[]::new))
			.param("new", changes.stream().map(PolicyChange::to).toArray(String[]::new))
			.update();
	}

	/**
	 * Writes the clocks of a batch of tickets in one statement (the batch's columns as arrays); keeps what was
	 * already published about each. One statement instead of one per ticket is what makes a workspace's recompute
	 * after a calendar change fit its 10 s (ADR 0141).
	 */
	void save(WorkspaceId ws, List<Computed> rows) {
		if (rows.isEmpty()) {
			return;
		}
		int n = rows.size();
		Long[] tickets = new Long[n];
		String[] policies = new String[n];
		String[] priorities = new String[n];
		Boolean[] open = new Boolean[n];
		String[] created = new String[n];
		String[] frState = new String[n];
		String[] frDue = new String[n];
		Long[] frSeconds = new Long[n];
		String[] nrState = new String[n];
		String[] nrDue = new String[n];
		String[] rsState = new String[n];
		String[] rsDue = new String[n];
		Long[] rsSeconds = new Long[n];
		String[] nextDue = new String[n];
		String[] warnAt = new String[n];
		Boolean[] breached = new Boolean[n];
		Integer[] breaches = new Integer[n];
		for (int i = 0; i < n; i++) {
			Computed c = rows.get(i);
			SlaEvaluation e = c.evaluation();
			tickets[i] = c.ticketId();
			policies[i] = e.policyKey();
			priorities[i] = c.priority();
			open[i] = c.open();
			created[i] = c.createdAt().toString();
			frState[i] = state(e.firstResponse());
			frDue[i] = text(e.firstResponse().dueAt());
			frSeconds[i] = achievedSeconds(e.firstResponse());
			nrState[i] = state(e.nextResponse());
			nrDue[i] = text(e.nextResponse().dueAt());
			rsState[i] = state(e.resolution());
			rsDue[i] = text(e.resolution().dueAt());
			rsSeconds[i] = achievedSeconds(e.resolution());
			nextDue[i] = text(c.open() ? e.nextDueAt() : null);
			warnAt[i] = text(c.open() ? e.nextWarnAt() : null);
			breached[i] = e.breached();
			breaches[i] = e.measures().stream().mapToInt(SlaMeasure::breaches).sum();
		}
		jdbc.sql("""
				insert into support_ticket_sla (workspace_id, ticket_id, policy_key, priority, open, created_at,
				    first_response_state, first_response_due_at, first_response_seconds, next_response_state,
				    next_response_due_at, resolution_state, resolution_due_at, resolution_seconds, next_due_at,
				    warn_at, breached, breaches, computed_at)
				select :ws, r.* , now()
				from unnest(cast(:tickets as bigint[]), cast(:policies as text[]), cast(:priorities as text[]),
				            cast(:open as boolean[]), cast(:created as timestamptz[]), cast(:frState as text[]),
				            cast(:frDue as timestamptz[]), cast(:frSeconds as bigint[]), cast(:nrState as text[]),
				            cast(:nrDue as timestamptz[]), cast(:rsState as text[]), cast(:rsDue as timestamptz[]),
				            cast(:rsSeconds as bigint[]), cast(:nextDue as timestamptz[]), cast(:warnAt as timestamptz[]),
				            cast(:breached as boolean[]), cast(:breaches as integer[])) as r
				on conflict (workspace_id, ticket_id) do update set policy_key = excluded.policy_key,
				    priority = excluded.priority, open = excluded.open,
				    first_response_state = excluded.first_response_state,
				    first_response_due_at = excluded.first_response_due_at,
				    first_response_seconds = excluded.first_response_seconds,
				    next_response_state = excluded.next_response_state,
				    next_response_due_at = excluded.next_response_due_at,
				    resolution_state = excluded.resolution_state, resolution_due_at = excluded.resolution_due_at,
				    resolution_seconds = excluded.resolution_seconds, next_due_at = excluded.next_due_at,
				    warn_at = excluded.warn_at, breached = excluded.breached, breaches = excluded.breaches,
				    computed_at = now()""")
			.param("ws", ws.value()).param("tickets", tickets).param("policies", policies)
			.param("priorities", priorities).param("open", open).param("created", created).param("frState", frState)
			.param("frDue", frDue).param("frSeconds", frSeconds).param("nrState", nrState).param("nrDue", nrDue)
			.param("rsState", rsState).param("rsDue", rsDue).param("rsSeconds", rsSeconds).param("nextDue", nextDue)
			.param("warnAt", warnAt).param("breached", breached).param("breaches", breaches)
			.update();
	}

	private static String state(SlaMeasure m) {
		return m.state().name().toLowerCase(java.util.Locale.ROOT);
	}

	private static String text(Instant at) {
		return at == null ? null : at.toString();
	}

	/** The business seconds a met or late clock took; null while it runs or has no target. */
	private static Long achievedSeconds(SlaMeasure m) {
		return m.achievedAt() == null || m.targetMinutes() == null ? null : m.elapsedSeconds();
	}

	/** One ticket's result, ready to store. */
	record Computed(long ticketId, String priority, boolean open, Instant createdAt, SlaEvaluation evaluation) {
	}

	void remove(WorkspaceId ws, Collection<Long> ids) {
		if (!ids.isEmpty()) {
			jdbc.sql("delete from support_ticket_sla where workspace_id = :ws and ticket_id in (:ids)")
				.param("ws", ws.value()).param("ids", ids).update();
		}
	}

	private static Timestamp ts(Instant at) {
		return at == null ? null : Timestamp.from(at);
	}

	static Stored stored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Stored(rs.getLong("ticket_id"), rs.getString("policy_key"), rs.getBoolean("open"),
				rs.getString("first_response_state"), Tickets.instant(rs, "first_response_due_at"),
				rs.getString("next_response_state"), Tickets.instant(rs, "next_response_due_at"),
				rs.getString("resolution_state"), Tickets.instant(rs, "resolution_due_at"),
				Tickets.instant(rs, "next_due_at"), Tickets.instant(rs, "warn_at"), rs.getBoolean("breached"),
				Tickets.instant(rs, "warned_due_at"), rs.getInt("breaches"), rs.getInt("breaches_published"),
				Tickets.longOrNull(rs, "account_id"));
	}

	private static final String STORED = """
			select s.*, t.account_id from support_ticket_sla s
			join support_ticket t on t.workspace_id = s.workspace_id and t.ticket_id = s.ticket_id
			""";

	Map<Long, Stored> stored(WorkspaceId ws, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, Stored> out = new HashMap<>();
		jdbc.sql(STORED + " where s.workspace_id = :ws and s.ticket_id in (:ids)")
			.param("ws", ws.value()).param("ids", ids).query(TicketSlaRows::stored).list()
			.forEach(s -> out.put(s.ticketId(), s));
		return out;
	}

	Optional<Stored> stored(WorkspaceId ws, long id) {
		return Optional.ofNullable(stored(ws, List.of(id)).get(id));
	}

	/** Open tickets of a workspace by keyset (for recomputing after a calendar or policy change). */
	List<Long> openTickets(WorkspaceId ws, long after, int limit) {
		return jdbc.sql("""
				select ticket_id from support_ticket where workspace_id = :ws and ticket_id > :after
				  and status in ('new', 'open', 'pending', 'on_hold') and merged_into_id is null
				order by ticket_id limit :limit""")
			.param("ws", ws.value()).param("after", after).param("limit", limit).query(Long.class).list();
	}

	/** Workspaces with a ticket whose warning or due time has come and not been published (the job's scan). */
	List<Long> workspacesDue() {
		return jdbc.sql("""
				select distinct workspace_id from support_ticket_sla
				where open and (next_due_at <= now() or (warn_at <= now() and warned_due_at is distinct from next_due_at))
				union
				select distinct workspace_id from support_ticket_sla where breaches > breaches_published""")
			.query(Long.class).list();
	}

	/** Tickets of a workspace whose warning or due time has come; locked so that no other node takes them. */
	List<Long> dueTickets(WorkspaceId ws, int limit) {
		return jdbc.sql("""
				select ticket_id from support_ticket_sla
				where workspace_id = :ws
				  and ((open and (next_due_at <= now() or (warn_at <= now() and warned_due_at is distinct from next_due_at)))
				       or breaches > breaches_published)
				order by ticket_id limit :limit for update skip locked""")
			.param("ws", ws.value()).param("limit", limit).query(Long.class).list();
	}

	void published(WorkspaceId ws, long ticketId, Instant warnedDueAt, int breachesPublished) {
		jdbc.sql("""
				update support_ticket_sla set warned_due_at = coalesce(:warned, warned_due_at),
				    breaches_published = :breaches where workspace_id = :ws and ticket_id = :ticket""")
			.param("ws", ws.value()).param("ticket", ticketId)
			.param("warned", ts(warnedDueAt), java.sql.Types.TIMESTAMP)
			.param("breaches", breachesPublished).update();
	}
}
