package io.kizuna.feedback;

import java.util.List;

import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskDraft;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The follow-up tasks of responses: opened by hand from a response, or by a playbook the response triggered. */
@Service
public class SurveyFollowUps {

	private final JdbcClient jdbc;

	private final TaskManagement tasks;

	private final SurveyReports reports;

	SurveyFollowUps(JdbcClient jdbc, TaskManagement tasks, SurveyReports reports) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.reports = reports;
	}

	/** Opens a task about a response for its account's owner, linked to it. */
	@Transactional
	public Task open(WorkspaceId ws, long responseId, String title, Long actor) {
		SurveyResponse r = reports.response(ws, responseId);
		if (r.accountExternalId() == null) {
			throw new InvalidInputException("invalid follow-up", List.of("response: not attributed to an account"));
		}
		String t = title == null || title.isBlank() ? "Follow up: " + r.surveyName() : title.strip();
		Task task = tasks.create(ws, new TaskDraft(r.accountExternalId(), t.length() > 200 ? t.substring(0, 200) : t,
				"risk", r.npsBand() != null && r.npsBand().equals("detractor") ? "high" : "normal",
				tasks.today(ws).plusDays(2), null, excerpt(r), List.of()), actor);
		link(ws, task.id(), responseId, task.status());
		return task;
	}

	private static String excerpt(SurveyResponse r) {
		String c = r.comment() == null ? "" : r.comment();
		return (r.score() == null ? "" : r.score() + ": ") + (c.length() > 300 ? c.substring(0, 300) : c);
	}

	private void link(WorkspaceId ws, long taskId, long responseId, String status) {
		jdbc.sql("""
				insert into feedback_survey_followup (workspace_id, task_id, response_id, status) values (?, ?, ?, ?)
				on conflict do nothing""").params(ws.value(), taskId, responseId, status).update();
	}

	/** Links the tasks whose evidence names a response of this workspace. */
	@Transactional
	public void linkCreated(WorkspaceId ws, List<Long> taskIds) {
		for (long id : taskIds) {
			Task task = tasks.get(ws, id);
			Object response = task.evidence() == null ? null : task.evidence().get("survey_response_id");
			if (response == null || !response.toString().matches("\\d{1,18}")) {
				continue;
			}
			long responseId = Long.parseLong(response.toString());
			if (reports.findResponse(ws, responseId).isPresent()) {
				link(ws, id, responseId, task.status());
			}
		}
	}

	@Transactional
	public void completed(WorkspaceId ws, long taskId, String outcome) {
		jdbc.sql("""
				update feedback_survey_followup set status = 'done', outcome = ?, updated_at = now()
				where workspace_id = ? and task_id = ?""").params(outcome, ws.value(), taskId).update();
	}
}
