package io.kizuna.health.web;

import io.kizuna.workspace.SignedInUser;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalRules;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The at-risk worklist: live accounts ranked by revenue at risk, with one-click filters. */
@Controller
class WorklistController {

	private final HealthQueries health;

	private final SignalRules signals;

	WorklistController(HealthQueries health, SignalRules signals) {
		this.signals = signals;
		this.health = health;
	}

	@GetMapping("/at-risk")
	String worklist(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String band,
			@RequestParam(required = false) String signal, @RequestParam(required = false) Integer renewal,
			@RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "0") int page, Model model) {
		SignalKind kind = signal == null ? null : signals.kind(signal).orElse(null);
		String bandFilter = band == null || band.isBlank() ? null : band;
		var rows = health.atRisk(signedIn.user().workspaceId(), new AtRiskQuery(mine ? signedIn.user().id() : null,
				null, bandFilter, kind, renewal, Math.max(0, page), 25));
		model.addAttribute("page", rows);
		model.addAttribute("band", bandFilter);
		model.addAttribute("signal", kind == null ? null : kind.code());
		model.addAttribute("renewal", renewal);
		model.addAttribute("mine", mine);
		model.addAttribute("kinds", signals.kinds());
		return "health/at-risk";
	}
}
