package io.kizuna.journeys.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.kizuna.journeys.AccountStage;
import io.kizuna.journeys.Journey;
import io.kizuna.journeys.JourneyManagement;
import io.kizuna.journeys.JourneyManagement.RuleDraft;
import io.kizuna.journeys.JourneyQuery;
import io.kizuna.journeys.Stage;
import io.kizuna.journeys.StageChange;
import io.kizuna.journeys.StageRule;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lifecycle stages, stage rules, each account's stage and history, and the journey view's data. */
@RestController
@RequestMapping("/api/v1/journeys")
@Tag(name = "Journeys", description = "Lifecycle stages and their rules, accounts' stages and stage history, and "
		+ "how accounts flow between stages")
class JourneysController {

	private final JourneyManagement journeys;

	private final JourneyErrors errors;

	JourneysController(JourneyManagement journeys, JourneyErrors errors) {
		this.journeys = journeys;
		this.errors = errors;
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.describe(ex, LocaleContextHolder.getLocale()));
		problem.setTitle("Invalid input");
		return problem;
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				errors.describe(ex, LocaleContextHolder.getLocale()));
		problem.setTitle("Conflict");
		return problem;
	}

	record StageBody(String code, String labelJa, String labelEn, Integer stallDays) {
	}

	record MoveBody(int by) {
	}

	record RulesBody(List<RuleDraft> rules) {
	}

	record AccountStageBody(String stage, Boolean hold) {
	}

	@GetMapping("/stages")
	@Operation(summary = "The workspace's lifecycle stages in order, with how many accounts are in each")
	List<Stage> stages(@AuthenticationPrincipal ApiClient client) {
		return journeys.stages(client.workspaceId());
	}

	@PostMapping("/stages")
	@Operation(summary = "Add a stage (code, ja and en labels, optional stall threshold in days)")
	ResponseEntity<Stage> add(@AuthenticationPrincipal ApiClient client, @RequestBody StageBody body) {
		if (body == null) {
			throw new InvalidInputException("journeys.error.body");
		}
		Stage stage = journeys.addStage(client.workspaceId(), body.code(), body.labelJa(), body.labelEn(), body.stallDays());
		return ResponseEntity.created(java.net.URI.create("/api/v1/journeys/stages/" + stage.code())).body(stage);
	}

	@GetMapping("/stages/{key}")
	@Operation(summary = "One stage by its code")
	Stage stage(@AuthenticationPrincipal ApiClient client, @PathVariable("key") String code) {
		return journeys.stage(client.workspaceId(), code);
	}

	@PutMapping("/stages/{key}")
	@Operation(summary = "Rename a stage (ja, en) or change its stall threshold")
	Stage update(@AuthenticationPrincipal ApiClient client, @PathVariable("key") String code, @RequestBody StageBody body) {
		if (body == null) {
			throw new InvalidInputException("journeys.error.body");
		}
		return journeys.updateStage(client.workspaceId(), code, body.labelJa(), body.labelEn(), body.stallDays());
	}

	@PostMapping("/stages/{key}/move")
	@Operation(summary = "Move a stage one place up (by = -1) or down (by = 1)")
	List<Stage> move(@AuthenticationPrincipal ApiClient client, @PathVariable("key") String code, @RequestBody MoveBody body) {
		return journeys.moveStage(client.workspaceId(), code, body == null ? 0 : body.by());
	}

	@DeleteMapping("/stages/{key}")
	@Operation(summary = "Remove a stage; while accounts or rules use it, moveTo names the stage they go to")
	ResponseEntity<Void> remove(@AuthenticationPrincipal ApiClient client, @PathVariable("key") String code,
			@RequestParam(required = false) String moveTo) {
		journeys.removeStage(client.workspaceId(), code, moveTo, null);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/rules")
	@Operation(summary = "The stage rules in order: the first whose definition matches an account gives its stage")
	List<StageRule> rules(@AuthenticationPrincipal ApiClient client) {
		return journeys.rules(client.workspaceId());
	}

	@PutMapping("/rules")
	@Operation(summary = "Replace the stage rules (definition in the segment filter language, stage), then evaluate")
	List<StageRule> saveRules(@AuthenticationPrincipal ApiClient client, @RequestBody RulesBody body) {
		if (body == null || body.rules() == null) {
			throw new InvalidInputException("journeys.error.body");
		}
		return journeys.saveRules(client.workspaceId(), body.rules());
	}

	@PostMapping("/evaluate")
	@Operation(summary = "Evaluate the stage rules for every account now")
	List<io.kizuna.journeys.StageChanged.Change> evaluate(@AuthenticationPrincipal ApiClient client) {
		return journeys.evaluate(client.workspaceId(), null, false);
	}

	@GetMapping("/accounts/{externalId}/stage")
	@Operation(summary = "An account's stage now, since when, and whether it is held (set by hand)")
	AccountStage accountStage(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId) {
		return journeys.accountStage(client.workspaceId(), externalId);
	}

	@PutMapping("/accounts/{externalId}/stage")
	@Operation(summary = "Set an account's stage by hand; hold (default true) keeps the rules from moving it")
	AccountStage setStage(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestBody AccountStageBody body) {
		if (body == null) {
			throw new InvalidInputException("journeys.error.body");
		}
		return journeys.setStage(client.workspaceId(), externalId, body.stage(), null, body.hold() == null || body.hold());
	}

	@PostMapping("/accounts/{externalId}/stage/release")
	@Operation(summary = "Hand a held account back to the rules, evaluated for it at once")
	AccountStage release(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId) {
		return journeys.release(client.workspaceId(), externalId);
	}

	@GetMapping("/accounts/{externalId}/history")
	@Operation(summary = "An account's stage changes, newest first: from, to, when, by whom or which rule")
	List<StageChange> history(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestParam(defaultValue = "100") int limit) {
		return journeys.history(client.workspaceId(), externalId, limit);
	}

	@GetMapping("/journey")
	@Operation(summary = "Transitions (unrolled by step and per pair), time in stage and stalled accounts for a period and cohort")
	Journey journey(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String signupMonth,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String plan) {
		return journeys.journey(client.workspaceId(), query(journeys.zone(client.workspaceId()), from, to, signupMonth,
				tier, plan));
	}

	/** The query of the page's and the API's parameters: by default the last 12 months; blank means any. */
	static JourneyQuery query(java.time.ZoneId zone, String from, String to, String signupMonth, String tier,
			String plan) {
		try {
			LocalDate end = blank(to) ? LocalDate.now(zone) : LocalDate.parse(to);
			LocalDate start = blank(from) ? end.minusMonths(12).plusDays(1) : LocalDate.parse(from);
			YearMonth month = blank(signupMonth) ? null : YearMonth.parse(signupMonth);
			return new JourneyQuery(start, end, month, blank(tier) ? null : tier, blank(plan) ? null : plan);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("journeys.error.date");
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
