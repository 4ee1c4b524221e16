package io.kizuna.feedback.surveys.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kizuna.feedback.Survey;
import io.kizuna.feedback.SurveyDelivery;
import io.kizuna.feedback.SurveyDraft;
import io.kizuna.feedback.SurveyManagement;
import io.kizuna.feedback.SurveyReports;
import io.kizuna.feedback.SurveyReports.Scope;
import io.kizuna.feedback.SurveyReports.VerbatimFilter;
import io.kizuna.feedback.SurveyResponse;
import io.kizuna.feedback.SurveyResults;
import io.kizuna.feedback.SurveySendResult;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Surveys, their deliveries, responses and results over REST, and personal links for the embed. */
@RestController
@RequestMapping("/api/v1/feedback")
@Tag(name = "Surveys", description = "NPS, CSAT, CES and custom surveys: sending, personal links, responses, results")
class SurveyController {

	private final SurveyManagement surveys;

	private final SurveyReports reports;

	private final SurveyDelivery delivery;

	SurveyController(SurveyManagement surveys, SurveyReports reports, SurveyDelivery delivery) {
		this.surveys = surveys;
		this.reports = reports;
		this.delivery = delivery;
	}

	record SendBody(Long segmentId, List<String> contacts) {
	}

	record LinkBody(String contact) {
	}

	record Link(String url) {
	}

	@GetMapping("/surveys")
	@Operation(summary = "Every survey of the workspace, newest first")
	List<Survey> list(@AuthenticationPrincipal ApiClient client) {
		return surveys.surveys(client.workspaceId());
	}

	@PostMapping("/surveys")
	@Operation(summary = "Create a survey; without a definition, the standard questions of its kind")
	ResponseEntity<Survey> create(@AuthenticationPrincipal ApiClient client, @RequestBody SurveyDraft body) {
		Survey s = surveys.create(client.workspaceId(), body);
		return ResponseEntity.created(URI.create("/api/v1/feedback/surveys/" + s.id())).body(s);
	}

	@GetMapping("/surveys/{id}")
	@Operation(summary = "One survey: kind, texts, questions, sending settings and status")
	Survey get(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return surveys.survey(client.workspaceId(), id);
	}

	@PutMapping("/surveys/{id}")
	@Operation(summary = "Change a survey's texts, questions and sending settings (not its kind)")
	Survey update(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody SurveyDraft body) {
		return surveys.update(client.workspaceId(), id, body);
	}

	@PostMapping("/surveys/{id}/send")
	@Operation(summary = "Queue the survey by email to a segment or a list of contacts (external ids or emails, at most "
			+ SurveyManagement.MAX_LIST + "), under the fatigue rules")
	SurveySendResult send(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody SendBody body) {
		if (body == null) {
			throw new InvalidInputException("a segmentId or contacts are required");
		}
		return surveys.send(client.workspaceId(), id, body.segmentId(), body.contacts());
	}

	@PostMapping("/surveys/{id}/links")
	@Operation(summary = "A personal link for one contact, for the host app's embed; 204 when the fatigue rules say "
			+ "not now")
	ResponseEntity<Link> link(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestBody LinkBody body) {
		return surveys.link(client.workspaceId(), id, body == null ? null : body.contact(), delivery.publicUrl())
			.map(url -> ResponseEntity.ok(new Link(url))).orElseGet(() -> ResponseEntity.noContent().build());
	}

	@GetMapping("/surveys/{id}/deliveries")
	@Operation(summary = "A survey's deliveries, newest first, by keyset (pass the last id as before)")
	List<SurveyManagement.Delivery> deliveries(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestParam(required = false) String status, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "100") int limit) {
		return surveys.deliveries(client.workspaceId(), id, status, before, limit);
	}

	@GetMapping("/surveys/{id}/results")
	@Operation(summary = "Score (NPS points, CSAT %, CES average), responses, response rate and the trend by month")
	SurveyResults results(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestParam(defaultValue = "12") int months) {
		return reports.results(client.workspaceId(), Scope.survey(surveys.survey(client.workspaceId(), id)), months);
	}

	@GetMapping("/surveys/{id}/breakdown")
	@Operation(summary = "The score by segment, plan, tier, touch or arr_band")
	List<SurveyResults.Group> breakdown(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestParam(defaultValue = "segment") String by, @RequestParam(defaultValue = "12") int months) {
		return reports.breakdown(client.workspaceId(), Scope.survey(surveys.survey(client.workspaceId(), id)), by, months);
	}

	@GetMapping("/responses")
	@Operation(summary = "Submitted responses with text, newest first, filtered by survey, kind, NPS band, score, "
			+ "words, account; by keyset (before)")
	List<SurveyResponse> responses(@AuthenticationPrincipal ApiClient client,
			@RequestParam(required = false) Long survey, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String band, @RequestParam(required = false) Integer minScore,
			@RequestParam(required = false) Integer maxScore, @RequestParam(required = false) String q,
			@RequestParam(required = false) String account, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "100") int limit) {
		return reports.verbatims(client.workspaceId(),
				new VerbatimFilter(survey, kind, band, minScore, maxScore, q, account, before, limit));
	}

	@GetMapping("/responses/{id}")
	@Operation(summary = "One response with its answers and its follow-ups")
	Map<String, Object> response(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return Map.of("response", reports.response(client.workspaceId(), id), "followUps",
				reports.followUps(client.workspaceId(), id));
	}
}
