package io.kizuna.health.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.kizuna.accounts.Page;
import io.kizuna.health.AccountHealth;
import io.kizuna.health.AtRiskAccount;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.BacktestReport;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthBacktest;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSettings;
import io.kizuna.health.RescoreResult;
import io.kizuna.health.Scorecard;
import io.kizuna.health.ScorecardDefinition;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalRules;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Health scores, their explanation, the at-risk worklist, scorecards, settings and back-tests. */
@RestController
@Tag(name = "Health", description = "Health scores explained, signals, the at-risk worklist, scorecards, signal "
		+ "thresholds and back-tests")
class HealthController {

	private final HealthScoring scoring;

	private final HealthQueries queries;

	private final HealthAdministration administration;

	private final HealthBacktest backtest;

	private final SignalRules rules;

	HealthController(HealthScoring scoring, HealthQueries queries, HealthAdministration administration,
			HealthBacktest backtest, SignalRules rules) {
		this.rules = rules;
		this.scoring = scoring;
		this.queries = queries;
		this.administration = administration;
		this.backtest = backtest;
	}

	@GetMapping("/api/v1/accounts/{externalId}/health")
	@Operation(summary = "The account's latest score explained, its trend, history and open signals (100 = healthy)")
	AccountHealth account(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestParam(required = false) String lang, Locale locale) {
		return queries.accountHealth(client.workspaceId(), externalId, lang == null ? locale : language(lang));
	}

	@GetMapping("/api/v1/health/at-risk")
	@Operation(summary = "Live accounts ranked by revenue at risk = ARR × (100 − score) / 100")
	Page<AtRiskAccount> atRisk(@AuthenticationPrincipal ApiClient client,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) String tier,
			@RequestParam(required = false) String band, @RequestParam(required = false) String signal,
			@RequestParam(required = false) Integer renewalWithinDays, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		SignalKind kind = signal == null ? null
				: rules.kind(signal).orElseThrow(() -> new InvalidInputException("signal: one of " + rules.kinds()));
		return queries.atRisk(client.workspaceId(),
				new AtRiskQuery(owner, tier, band, kind, renewalWithinDays, page, size));
	}

	@PostMapping("/api/v1/health/recompute")
	@Operation(summary = "Score every account now, for the given day (default today in the workspace time zone)")
	RescoreResult recompute(@AuthenticationPrincipal ApiClient client,
			@RequestParam(required = false) LocalDate day) {
		LocalDate today = scoring.today(client.workspaceId());
		if (day != null && day.isAfter(today)) {
			throw new InvalidInputException("day must not be in the future");
		}
		return scoring.recompute(client.workspaceId(), day == null ? today : day);
	}

	@GetMapping("/api/v1/health/measures")
	@Operation(summary = "The codes of the measures a scorecard may weigh")
	List<String> measures() {
		return administration.measureCodes();
	}

	@GetMapping("/api/v1/health/scorecards")
	@Operation(summary = "The scorecards: the default one and one per tier, with weights, rules and band cut-offs")
	List<Scorecard> scorecards(@AuthenticationPrincipal ApiClient client) {
		return administration.scorecards(client.workspaceId());
	}

	record ScorecardBody(String name, String tier, ScorecardDefinition definition) {
	}

	@PostMapping("/api/v1/health/scorecards")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a scorecard for a tier; accounts of that tier are scored with it")
	@ApiResponse(responseCode = "409", description = "The tier has a scorecard already")
	Scorecard createScorecard(@AuthenticationPrincipal ApiClient client, @RequestBody ScorecardBody body) {
		return administration.createScorecard(client.workspaceId(), body.name(), body.tier(), required(body));
	}

	@PutMapping("/api/v1/health/scorecards/{id}")
	@Operation(summary = "Replace a scorecard's name and definition")
	Scorecard updateScorecard(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestBody ScorecardBody body) {
		return administration.updateScorecard(client.workspaceId(), id, body.name(), required(body));
	}

	@DeleteMapping("/api/v1/health/scorecards/{id}")
	@Operation(summary = "Delete a tier's scorecard; its accounts are scored with the default one")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteScorecard(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		administration.deleteScorecard(client.workspaceId(), id);
	}

	@GetMapping("/api/v1/health/settings")
	@Operation(summary = "Key features and signal thresholds")
	HealthSettings settings(@AuthenticationPrincipal ApiClient client) {
		return administration.settings(client.workspaceId());
	}

	@PutMapping("/api/v1/health/settings")
	@Operation(summary = "Replace the key features and signal thresholds")
	HealthSettings saveSettings(@AuthenticationPrincipal ApiClient client, @RequestBody HealthSettings body) {
		return administration.saveSettings(client.workspaceId(), body);
	}

	record BacktestBody(LocalDate from, LocalDate to, Integer stepDays, Integer horizonDays) {
	}

	@PostMapping("/api/v1/health/backtest")
	@Operation(summary = "Replay history: score at each cut-off with only earlier data and compare with churn after it")
	BacktestReport backtest(@AuthenticationPrincipal ApiClient client, @RequestBody BacktestBody body) {
		return backtest.run(client.workspaceId(), body.from(), body.to(), body.stepDays() == null ? 14 : body.stepDays(),
				body.horizonDays() == null ? 90 : body.horizonDays());
	}

	private static ScorecardDefinition required(ScorecardBody body) {
		if (body.definition() == null) {
			throw new InvalidInputException("invalid scorecard", List.of("definition: required"));
		}
		return body.definition();
	}

	private static Locale language(String lang) {
		if (!lang.equals("ja") && !lang.equals("en")) {
			throw new InvalidInputException("lang: ja or en");
		}
		return Locale.forLanguageTag(lang);
	}
}
