package io.kizuna.playbooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enrolls accounts set-based (ADR 0086): one INSERT … SELECT over arrays applies the enrollment rule, skips a trigger
 * occurrence seen before (unique key) and schedules every new enrollment's first step in the same statement.
 */
@Repository
class Enrollments {

	private final JdbcTemplate template;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Enrollments(JdbcTemplate template, JdbcClient jdbc, JsonMapper json) {
		this.template = template;
		this.jdbc = jdbc;
		this.json = json;
	}

	static String stepKey(long playbookId, long accountId, int number, int step) {
		return "p" + playbookId + "-a" + accountId + "-n" + number + "-s" + step;
	}

	/** The account ids that were enrolled now (hits already seen or refused by the rule are not). */
	List<Long> enroll(WorkspaceId workspace, Playbook playbook, List<TriggerHit> hits, int depth) {
		Map<Long, TriggerHit> unique = new LinkedHashMap<>();
		hits.forEach(h -> unique.putIfAbsent(h.accountId().value(), h));
		if (unique.isEmpty() || playbook.definition().steps().isEmpty()) {
			return List.of();
		}
		PlaybookDefinition.EnrollmentRule rule = playbook.definition().enrollment();
		int firstDay = playbook.definition().steps().get(0).day();
		String sql = """
				with hit as (
				  select * from unnest(?::bigint[], ?::text[], ?::text[]) as h(account_id, trigger_key, evidence)),
				seen as (
				  -- the playbook's earlier enrollments of these accounts, read once and grouped (a hash join, not
				  -- three look-ups per hit)
				  select e.account_id, max(e.number) as last_number, bool_or(e.status = 'active') as active,
				         count(*) filter (where e.enrolled_at > now() - make_interval(days => ?)) as recent
				  from playbooks_enrollment e
				  where e.workspace_id = ? and e.playbook_id = ? and e.account_id in (select account_id from hit)
				  group by e.account_id),
				prior as (
				  select h.*, coalesce(s.last_number, 0) as last_number, coalesce(s.active, false) as active,
				         coalesce(s.recent, 0) as recent
				  from hit h left join seen s on s.account_id = h.account_id),
				enrolled as (
				  insert into playbooks_enrollment (workspace_id, playbook_id, account_id, number, version, definition,
				                                    trigger_key, evidence, depth)
				  select ?, ?, account_id, last_number + 1, ?, ?::jsonb, trigger_key, evidence::jsonb, ?
				  from prior
				  where case ? when 'once' then last_number = 0
				               when 'after_exit' then not active
				               else not active and recent < ? end
				  on conflict do nothing
				  returning enrollment_id, account_id, number, enrolled_at),
				first_step as (
				  insert into playbooks_step_run (workspace_id, step_key, enrollment_id, playbook_id, step_index, due_at)
				  select ?, 'p' || ? || '-a' || account_id || '-n' || number || '-s0', enrollment_id, ?, 0,
				         enrolled_at + make_interval(days => ?)
				  from enrolled
				  on conflict do nothing)
				select account_id from enrolled""";
		String definition = json.writeValueAsString(playbook.definition());
		return template.execute((Connection c) -> {
			try (PreparedStatement ps = c.prepareStatement(sql)) {
				long ws = workspace.value();
				long pb = playbook.id();
				int i = 1;
				ps.setArray(i++, c.createArrayOf("bigint", unique.keySet().toArray()));
				ps.setArray(i++, c.createArrayOf("text", unique.values().stream().map(TriggerHit::key).toArray()));
				ps.setArray(i++, c.createArrayOf("text",
						unique.values().stream().map(h -> json.writeValueAsString(h.evidence())).toArray()));
				ps.setInt(i++, rule.days() == null ? 0 : rule.days());
				ps.setLong(i++, ws);
				ps.setLong(i++, pb);
				ps.setLong(i++, ws);
				ps.setLong(i++, pb);
				ps.setInt(i++, playbook.version());
				ps.setString(i++, definition);
				ps.setInt(i++, depth);
				ps.setString(i++, rule.rule());
				ps.setInt(i++, rule.max() == null ? 1 : rule.max());
				ps.setLong(i++, ws);
				ps.setLong(i++, pb);
				ps.setLong(i++, pb);
				ps.setInt(i++, firstDay);
				List<Long> enrolled = new ArrayList<>();
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						enrolled.add(rs.getLong(1));
					}
				}
				return enrolled;
			}
		});
	}

	/** Ends the active enrollments of these accounts in the playbook; their pending steps are skipped. */
	int exit(WorkspaceId workspace, long playbookId, List<Long> accountIds, String reason) {
		if (accountIds.isEmpty()) {
			return 0;
		}
		List<Long> ended = jdbc.sql("""
				update playbooks_enrollment set status = 'exited', ended_at = now(), end_reason = ?
				where workspace_id = ? and playbook_id = ? and account_id = any(?) and status = 'active'
				returning enrollment_id""").params(reason, workspace.value(), playbookId, accountIds.toArray(Long[]::new))
			.query(Long.class).list();
		skipPending(workspace, ended);
		return ended.size();
	}

	void skipPending(WorkspaceId workspace, List<Long> enrollmentIds) {
		if (!enrollmentIds.isEmpty()) {
			jdbc.sql("""
					update playbooks_step_run r set status = 'skipped', done_at = now(), outcome = 'exited'
					from unnest(?::bigint[]) as x(enrollment_id)
					where r.workspace_id = ? and r.enrollment_id = x.enrollment_id and r.status = 'pending'""")
				.params(enrollmentIds.toArray(Long[]::new), workspace.value()).update();
		}
	}

	/** Accounts whose enrollment in the playbook is active now. */
	List<Long> activeAccounts(WorkspaceId workspace, long playbookId) {
		return jdbc.sql("select account_id from playbooks_enrollment where workspace_id = ? and playbook_id = ? and status = 'active'")
			.params(workspace.value(), playbookId).query(Long.class).list();
	}
}
