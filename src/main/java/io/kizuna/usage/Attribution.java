package io.kizuna.usage;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Attribution that does not depend on arrival order (ADR 0041). An event stored before its user was linked to an
 * account (the group call in a concurrent request, on another node, or simply later) is stored without one; its
 * user or group is queued in the same transaction, and so is every user a call links and every group it creates.
 * A queued identity is claimed only once both the events and the link it stands for are committed, so the pass
 * that claims it sees both: whichever of the two transactions commits last leaves the key that makes the pass
 * attribute the events. {@code account_id is null} in the update makes each event attributed exactly once, also
 * with passes on two nodes at once.
 */
@Repository
class Attribution {

	static final int CHUNK = 1_000;

	private final JdbcClient jdbc;

	private final AccountManagement accounts;

	private final EventStore events;

	Attribution(JdbcClient jdbc, AccountManagement accounts, EventStore events) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.events = events;
	}

	/**
	 * Queues users (userId or anonymousId) and groups whose events may need an account; in sorted order. One
	 * already queued is locked rather than skipped, so that a pass cannot claim and drop it while this
	 * transaction's events are still invisible to it (see EventStore.markPending, ADR 0045).
	 */
	void queue(WorkspaceId workspace, Collection<String> users, Collection<String> groups) {
		if (users.isEmpty() && groups.isEmpty()) {
			return;
		}
		List<String> kinds = new ArrayList<>();
		List<String> identities = new ArrayList<>();
		// Sorted as the primary key is, so that concurrent calls queueing the same identities never deadlock.
		for (String group : new TreeSet<>(groups)) {
			kinds.add("g");
			identities.add(group);
		}
		for (String user : new TreeSet<>(users)) {
			kinds.add("u");
			identities.add(user);
		}
		jdbc.sql("""
				insert into attribution_pending (workspace_id, kind, identity)
				select ?, k, i from unnest(?::text[], ?::text[]) as q(k, i)
				on conflict (workspace_id, kind, identity) do update set identity = excluded.identity where false""")
			.params(workspace.value(), kinds.toArray(String[]::new), identities.toArray(String[]::new))
			.update();
	}

	List<WorkspaceId> workspacesWithPending() {
		return jdbc.sql("select distinct workspace_id from attribution_pending")
			.query((rs, row) -> new WorkspaceId(rs.getLong(1)))
			.list();
	}

	/**
	 * Claims up to CHUNK queued identities and gives their unattributed events an account where one is known now;
	 * answers how many were claimed. The account-days that gained events are queued for the rollups.
	 */
	int attribute(WorkspaceId workspace, ZoneId zone) {
		Set<String> users = new HashSet<>();
		Set<String> groups = new HashSet<>();
		jdbc.sql("""
				delete from attribution_pending where (workspace_id, kind, identity) in (
				    select workspace_id, kind, identity from attribution_pending where workspace_id = ?
				    order by kind, identity limit ? for update skip locked)
				returning kind, identity""")
			.params(workspace.value(), CHUNK)
			.query(rs -> {
				("g".equals(rs.getString(1)) ? groups : users).add(rs.getString(2));
			});
		Set<EventStore.AccountDay> days = new HashSet<>();
		if (!groups.isEmpty()) {
			Map<String, Long> byGroup = accounts.accountIds(workspace, groups);
			update(workspace, zone, byGroup, "(e.context ->> 'groupId') = k.identity", days);
		}
		if (!users.isEmpty()) {
			Map<String, Long> byIdentity = accountsOfIdentities(workspace, users);
			update(workspace, zone, byIdentity, "e.user_id = k.identity", days);
			update(workspace, zone, byIdentity, "e.user_id is null and e.anonymous_id = k.identity", days);
		}
		events.markPending(workspace, days);
		return users.size() + groups.size();
	}

	/**
	 * The account of each identity: its contact's, else (an id an alias call renamed) its new user's. A user's
	 * aliases are added too, so that linking a user attributes the anonymous events aliased to it.
	 */
	private Map<String, Long> accountsOfIdentities(WorkspaceId workspace, Set<String> identities) {
		Map<String, String> userOf = new HashMap<>();
		for (String identity : identities) {
			userOf.put(identity, identity);
		}
		String[] ids = identities.toArray(String[]::new);
		jdbc.sql("""
				select previous_id, user_id from identity_alias
				where workspace_id = ? and (previous_id = any(?) or user_id = any(?))""")
			.params(workspace.value(), ids, ids)
			.query(rs -> {
				userOf.put(rs.getString(1), rs.getString(2));
			});
		Set<String> users = new HashSet<>(userOf.values());
		users.addAll(userOf.keySet());
		Map<String, Long> accountOfUser = accounts.accountIdsOfUsers(workspace, users);
		Map<String, Long> accountOf = new HashMap<>();
		userOf.forEach((identity, user) -> {
			Long account = accountOfUser.get(user);
			if (account == null) {
				account = accountOfUser.get(identity);
			}
			if (account != null) {
				accountOf.put(identity, account);
			}
		});
		return accountOf;
	}

	private void update(WorkspaceId workspace, ZoneId zone, Map<String, Long> accountOf, String match,
			Set<EventStore.AccountDay> days) {
		if (accountOf.isEmpty()) {
			return;
		}
		String[] identities = new String[accountOf.size()];
		long[] accountIds = new long[accountOf.size()];
		int i = 0;
		for (Map.Entry<String, Long> entry : accountOf.entrySet()) {
			identities[i] = entry.getKey();
			accountIds[i++] = entry.getValue();
		}
		jdbc.sql("""
				update event e set account_id = k.account_id
				from unnest(?::text[], ?::bigint[]) as k(identity, account_id)
				where e.workspace_id = ? and e.account_id is null and %s
				returning e.account_id, e.occurred_at, e.type""".formatted(match))
			.params(identities, accountIds, workspace.value())
			.query(rs -> {
				String type = rs.getString(3);
				if ("track".equals(type) || "page".equals(type) || "screen".equals(type)) {
					days.add(new EventStore.AccountDay(rs.getLong(1),
							rs.getTimestamp(2).toInstant().atZone(zone).toLocalDate()));
				}
			});
	}
}
