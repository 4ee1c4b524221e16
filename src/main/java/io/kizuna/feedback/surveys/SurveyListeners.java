package io.kizuna.feedback.surveys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.feedback.SurveyFollowUps;
import io.kizuna.feedback.SurveyReports;
import io.kizuna.feedback.SurveyResponded;
import io.kizuna.feedback.SurveyResponse;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.TaskCompleted;
import io.kizuna.playbooks.TaskCreated;
import io.kizuna.playbooks.TriggerHit;
import io.kizuna.shared.AccountId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The closed loop: a detractor's response fires the survey_detractor playbooks (once per response: the response
 * is the hit's key); a task created from such a hit, whose evidence names the response, is linked to it, and its
 * outcome is recorded when it is completed.
 */
@Component
class SurveyListeners {

	private final PlaybookManagement playbooks;

	private final SurveyReports reports;

	private final SurveyFollowUps followUps;

	SurveyListeners(PlaybookManagement playbooks, SurveyReports reports, SurveyFollowUps followUps) {
		this.playbooks = playbooks;
		this.reports = reports;
		this.followUps = followUps;
	}

	@ApplicationModuleListener
	void on(SurveyResponded responded) {
		List<TriggerHit> hits = new ArrayList<>();
		for (long id : responded.detractorResponseIds()) {
			SurveyResponse r = reports.findResponse(responded.workspaceId(), id).orElse(null);
			if (r == null || r.accountId() == null) {
				continue;
			}
			String comment = r.comment() == null ? "" : r.comment().length() > 300 ? r.comment().substring(0, 300) : r.comment();
			hits.add(new TriggerHit(new AccountId(r.accountId()), "survey-response-" + id,
					Map.of("survey", Long.toString(r.surveyId())),
					Map.of("survey_response_id", id, "score", r.score(), "survey", r.surveyName(), "comment", comment)));
		}
		if (!hits.isEmpty()) {
			playbooks.fire(responded.workspaceId(), SurveyExtensions.DETRACTOR, hits);
		}
	}

	@ApplicationModuleListener
	void on(TaskCreated created) {
		followUps.linkCreated(created.workspaceId(), created.taskIds());
	}

	@ApplicationModuleListener
	void on(TaskCompleted completed) {
		followUps.completed(completed.workspaceId(), completed.taskId(), completed.outcome());
	}
}
