package io.kizuna.playbooks;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds open tasks past their due day, set-based: one UPDATE marks them announced for that due day and returns
 * them, one INSERT writes their timeline lines, one {@link TaskOverdue} per workspace and pass. A snoozed task is
 * overdue only once its snooze has ended too. Runs every 15 minutes as a db-scheduler job (one node at a time).
 */
@Component
class OverdueTasks {

	private static final Logger log = LoggerFactory.getLogger(OverdueTasks.class);

	private final JdbcClient jdbc;

	private final WorkspaceManagement workspaces;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	OverdueTasks(JdbcClient jdbc, WorkspaceManagement workspaces, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.workspaces = workspaces;
		this.events = events;
		this.transactions = transactions;
	}

	void announceAll() {
		for (WorkspaceId workspace : workspaces.ids()) {
			try {
				announce(workspace);
			}
			catch (RuntimeException e) {
				log.error("Overdue tasks of workspace {} were not announced; the next pass retries", workspace, e);
			}
		}
	}

	/** Announces the workspace's newly overdue tasks; returns how many. */
	int announce(WorkspaceId workspace) {
		LocalDate today = LocalDate.now(workspaces.get(workspace).timeZone());
		return transactions.execute(tx -> {
			List<TaskOverdue.Overdue> overdue = jdbc.sql("""
					update playbooks_task set overdue_announced_for = due_on
					where workspace_id = ? and due_on < ?
					  and (status in ('open', 'in_progress') or (status = 'snoozed' and snoozed_until < ?))
					  and overdue_announced_for is distinct from due_on
					returning task_id, account_id, due_on, assignee_user_id, playbook_id""")
				.params(workspace.value(), java.sql.Date.valueOf(today), java.sql.Date.valueOf(today))
				.query((rs, n) -> new TaskOverdue.Overdue(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(),
						(Long) rs.getObject(4), (Long) rs.getObject(5)))
				.list();
			if (overdue.isEmpty()) {
				return 0;
			}
			jdbc.sql("""
					insert into playbooks_task_event (workspace_id, task_id, account_id, kind, detail)
					select ?, t.task_id, t.account_id, 'overdue', t.due_on::text
					from unnest(?::bigint[], ?::bigint[], ?::date[]) as t(task_id, account_id, due_on)""")
				.params(workspace.value(), overdue.stream().map(TaskOverdue.Overdue::taskId).toArray(Long[]::new),
						overdue.stream().map(TaskOverdue.Overdue::accountId).toArray(Long[]::new),
						overdue.stream().map(o -> java.sql.Date.valueOf(o.dueOn())).toArray(java.sql.Date[]::new))
				.update();
			events.publishEvent(new TaskOverdue(workspace, overdue));
			return overdue.size();
		});
	}
}
