package io.kizuna.playbooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The task table and its events: plain SQL, bulk creation as one INSERT … SELECT over arrays. */
@Repository
class Tasks {

	static final String OPEN = "('open', 'in_progress', 'snoozed')";

	private static final String SELECT = """
			select t.task_id, t.account_id, a.external_id, a.name, t.title, t.type, t.priority, t.status, t.due_on,
			       t.snoozed_until, t.assignee_user_id, u.display_name, t.reason, t.evidence::text, t.checklist::text,
			       t.playbook_id, p.name, t.outcome, t.note, t.cancel_reason, t.created_at, t.closed_at
			from playbooks_task t
			join accounts_v_account a on a.workspace_id = t.workspace_id and a.account_id = t.account_id
			left join workspace_v_user u on u.workspace_id = t.workspace_id and u.user_id = t.assignee_user_id
			left join playbooks_playbook p on p.workspace_id = t.workspace_id and p.playbook_id = t.playbook_id
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final JsonMapper json;

	Tasks(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
		this.jdbc = jdbc;
		this.template = template;
		this.json = json;
	}

	/** One row to create; {@code stepKey} null for a task made by hand. */
	record NewTask(long accountId, String title, String type, String priority, LocalDate dueOn, Long assignee,
			String reason, String evidenceJson, String checklistJson, Long playbookId, Long enrollmentId,
			String stepKey) {
	}

	/** Created rows (task id, account id); rows whose step key exists already are skipped, never created twice. */
	List<long[]> insertAll(WorkspaceId workspace, List<NewTask> rows, Long actor) {
		if (rows.isEmpty()) {
			return List.of();
		}
		return template.execute((Connection c) -> {
			String sql = """
					with created as (
					  insert into playbooks_task (workspace_id, account_id, title, type, priority, due_on,
					      assignee_user_id, reason, evidence, checklist, playbook_id, enrollment_id, step_key)
					  select ?, r.account_id, r.title, r.type, r.priority, r.due_on, r.assignee, r.reason,
					         r.evidence::jsonb, r.checklist::jsonb, r.playbook_id, r.enrollment_id, r.step_key
					  from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::date[], ?::bigint[], ?::text[],
					              ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[])
					       as r(account_id, title, type, priority, due_on, assignee, reason, evidence, checklist,
					            playbook_id, enrollment_id, step_key)
					  on conflict do nothing
					  returning task_id, account_id),
					events as (
					  insert into playbooks_task_event (workspace_id, task_id, account_id, kind, actor_user_id)
					  select ?, task_id, account_id, 'created', ? from created)
					select task_id, account_id from created""";
			try (PreparedStatement ps = c.prepareStatement(sql)) {
				int n = rows.size();
				ps.setLong(1, workspace.value());
				ps.setArray(2, c.createArrayOf("bigint", rows.stream().map(NewTask::accountId).toArray()));
				ps.setArray(3, c.createArrayOf("text", rows.stream().map(NewTask::title).toArray()));
				ps.setArray(4, c.createArrayOf("text", rows.stream().map(NewTask::type).toArray()));
				ps.setArray(5, c.createArrayOf("text", rows.stream().map(NewTask::priority).toArray()));
				ps.setArray(6, c.createArrayOf("date", rows.stream().map(r -> java.sql.Date.valueOf(r.dueOn())).toArray()));
				ps.setArray(7, c.createArrayOf("bigint", rows.stream().map(NewTask::assignee).toArray()));
				ps.setArray(8, c.createArrayOf("text", rows.stream().map(NewTask::reason).toArray()));
				ps.setArray(9, c.createArrayOf("text", rows.stream().map(NewTask::evidenceJson).toArray()));
				ps.setArray(10, c.createArrayOf("text", rows.stream().map(NewTask::checklistJson).toArray()));
				ps.setArray(11, c.createArrayOf("bigint", rows.stream().map(NewTask::playbookId).toArray()));
				ps.setArray(12, c.createArrayOf("bigint", rows.stream().map(NewTask::enrollmentId).toArray()));
				ps.setArray(13, c.createArrayOf("text", rows.stream().map(NewTask::stepKey).toArray()));
				ps.setLong(14, workspace.value());
				if (actor == null) {
					ps.setNull(15, java.sql.Types.BIGINT);
				}
				else {
					ps.setLong(15, actor);
				}
				List<long[]> created = new ArrayList<>(n);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						created.add(new long[] { rs.getLong(1), rs.getLong(2) });
					}
				}
				return created;
			}
		});
	}

	Optional<Task> find(WorkspaceId workspace, long id) {
		return jdbc.sql(SELECT + " where t.workspace_id = ? and t.task_id = ?").params(workspace.value(), id)
			.query(this::map).optional();
	}

	List<Task> byIds(WorkspaceId workspace, List<Long> ids) {
		return jdbc.sql(SELECT + " where t.workspace_id = ? and t.task_id = any(?) order by t.task_id")
			.params(workspace.value(), ids.toArray(Long[]::new)).query(this::map).list();
	}

	/** Open tasks of one assignee (or everyone's when null), overdue first then by due day. */
	List<Task> open(WorkspaceId workspace, Long assignee, int limit) {
		String where = " where t.workspace_id = ? and t.status in " + OPEN
				+ (assignee == null ? "" : " and t.assignee_user_id = ?");
		List<Object> params = new ArrayList<>(List.of(workspace.value()));
		if (assignee != null) {
			params.add(assignee);
		}
		params.add(limit);
		return jdbc.sql(SELECT + where + " order by t.due_on, t.priority = 'urgent' desc, t.task_id limit ?")
			.params(params).query(this::map).list();
	}

	List<Task> list(WorkspaceId workspace, String status, Long assignee, Long accountId, int limit) {
		StringBuilder where = new StringBuilder(" where t.workspace_id = ?");
		List<Object> params = new ArrayList<>(List.of(workspace.value()));
		if (status != null) {
			where.append(status.equals("open_all") ? " and t.status in " + OPEN : " and t.status = ?");
			if (!status.equals("open_all")) {
				params.add(status);
			}
		}
		if (assignee != null) {
			where.append(" and t.assignee_user_id = ?");
			params.add(assignee);
		}
		if (accountId != null) {
			where.append(" and t.account_id = ?");
			params.add(accountId);
		}
		params.add(limit);
		return jdbc.sql(SELECT + where + " order by t.status in " + OPEN + " desc, t.due_on, t.task_id limit ?")
			.params(params).query(this::map).list();
	}

	void update(WorkspaceId workspace, long id, String setSql, List<Object> values) {
		List<Object> params = new ArrayList<>(values);
		params.add(workspace.value());
		params.add(id);
		jdbc.sql("update playbooks_task set " + setSql + ", updated_at = now() where workspace_id = ? and task_id = ?")
			.params(params).update();
	}

	void event(WorkspaceId workspace, long taskId, long accountId, String kind, Long actor, String detail) {
		jdbc.sql("""
				insert into playbooks_task_event (workspace_id, task_id, account_id, kind, actor_user_id, detail)
				values (?, ?, ?, ?, ?, ?)""").params(workspace.value(), taskId, accountId, kind, actor, detail)
			.update();
	}

	List<TaskEventRow> events(WorkspaceId workspace, long accountId, int limit) {
		return jdbc.sql("""
				select e.task_id, t.title, e.at, e.kind, u.display_name, e.detail from playbooks_task_event e
				join playbooks_task t on t.workspace_id = e.workspace_id and t.task_id = e.task_id
				left join workspace_v_user u on u.workspace_id = e.workspace_id and u.user_id = e.actor_user_id
				where e.workspace_id = ? and e.account_id = ? order by e.at desc, e.event_id desc limit ?""")
			.params(workspace.value(), accountId, limit)
			.query((rs, n) -> new TaskEventRow(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4), rs.getString(5), rs.getString(6)))
			.list();
	}

	List<TaskEventRow> taskEvents(WorkspaceId workspace, long taskId) {
		return jdbc.sql("""
				select e.task_id, t.title, e.at, e.kind, u.display_name, e.detail from playbooks_task_event e
				join playbooks_task t on t.workspace_id = e.workspace_id and t.task_id = e.task_id
				left join workspace_v_user u on u.workspace_id = e.workspace_id and u.user_id = e.actor_user_id
				where e.workspace_id = ? and e.task_id = ? order by e.at, e.event_id""")
			.params(workspace.value(), taskId)
			.query((rs, n) -> new TaskEventRow(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4), rs.getString(5), rs.getString(6)))
			.list();
	}

	List<TeamMember> team(WorkspaceId workspace, LocalDate today) {
		return jdbc.sql("""
				select t.assignee_user_id, u.display_name,
				       count(*) filter (where t.status in ('open', 'in_progress', 'snoozed')),
				       count(*) filter (where t.status in ('open', 'in_progress', 'snoozed') and t.due_on < ?),
				       count(*) filter (where t.status = 'done' and t.closed_at > now() - interval '30 days'),
				       count(*) filter (where t.status = 'canceled' and t.closed_at > now() - interval '30 days')
				from playbooks_task t
				left join workspace_v_user u on u.workspace_id = t.workspace_id and u.user_id = t.assignee_user_id
				where t.workspace_id = ?
				group by t.assignee_user_id, u.display_name
				order by 4 desc, 3 desc, 2 nulls last""")
			.params(java.sql.Date.valueOf(today), workspace.value())
			.query((rs, n) -> new TeamMember((Long) rs.getObject(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6)))
			.list();
	}

	/** Whether the enrollment still has an open task, for each of the enrollments given. */
	java.util.Set<Long> enrollmentsWithOpenTask(WorkspaceId workspace, List<Long> enrollments) {
		return jdbc.sql("select distinct enrollment_id from playbooks_task where workspace_id = ? and enrollment_id = any(?) and status in "
				+ OPEN).params(workspace.value(), enrollments.toArray(Long[]::new)).query(Long.class).set();
	}

	Map<String, String[]> typeLabels(WorkspaceId workspace) {
		Map<String, String[]> labels = new java.util.LinkedHashMap<>();
		jdbc.sql("select code, label_ja, label_en from playbooks_task_type where workspace_id = ?")
			.param(workspace.value())
			.query(rs -> {
				labels.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3) });
			});
		return labels;
	}

	void saveTypeLabel(WorkspaceId workspace, String code, String ja, String en) {
		jdbc.sql("""
				insert into playbooks_task_type (workspace_id, code, label_ja, label_en) values (?, ?, ?, ?)
				on conflict (workspace_id, code) do update set label_ja = excluded.label_ja, label_en = excluded.label_en""")
			.params(workspace.value(), code, ja, en).update();
	}

	private Task map(ResultSet rs, int n) throws SQLException {
		Map<String, Object> evidence = json.readValue(rs.getString(14), new TypeReference<Map<String, Object>>() {
		});
		List<Task.ChecklistItem> checklist = json.readValue(rs.getString(15),
				new TypeReference<List<Task.ChecklistItem>>() {
				});
		return new Task(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getDate(9).toLocalDate(),
				rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate(), (Long) rs.getObject(11), rs.getString(12),
				rs.getString(13), evidence, checklist, (Long) rs.getObject(16), rs.getString(17), rs.getString(18),
				rs.getString(19), rs.getString(20), rs.getTimestamp(21).toInstant(),
				rs.getTimestamp(22) == null ? null : rs.getTimestamp(22).toInstant());
	}

}
