package io.kizuna.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.health.HealthAdministration;
import io.kizuna.health.Scorecard;
import io.kizuna.health.ScorecardDefinition;
import io.kizuna.health.WeightedMeasure;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Edits a scorecard's weights and band cut-offs, with a preview of the band distribution the change would give
 * today before it is saved. Rules stay as they are (the REST API edits them).
 */
@Controller
class ScorecardEditorController {

	private final HealthAdministration health;

	ScorecardEditorController(HealthAdministration health) {
		this.health = health;
	}

	@GetMapping("/settings/scorecards/{id}")
	String edit(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, Model model) {
		Scorecard card = find(signedIn.user().workspaceId(), id);
		model.addAttribute("card", card);
		model.addAttribute("definition", card.definition());
		return "scorecard";
	}

	/** Preview (htmx) or save, depending on the button pressed. */
	@PostMapping("/settings/scorecards/{id}")
	String submit(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id,
			@RequestParam Map<String, String> form, @RequestParam(defaultValue = "preview") String action,
			HttpServletRequest request, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		Scorecard card = find(workspace, id);
		ScorecardDefinition proposed;
		try {
			proposed = proposed(card.definition(), form);
			if ("save".equals(action)) {
				health.updateScorecard(workspace, id, card.name(), proposed);
				model.addAttribute("saved", true);
			}
			model.addAttribute("distribution", health.preview(workspace, proposed));
		}
		catch (InvalidInputException ex) {
			proposed = card.definition();
			model.addAttribute("errors", ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors());
		}
		model.addAttribute("card", card);
		model.addAttribute("definition", proposed);
		return request.getHeader("HX-Request") != null ? "scorecard :: preview" : "scorecard";
	}

	private static ScorecardDefinition proposed(ScorecardDefinition current, Map<String, String> form) {
		List<WeightedMeasure> measures = new ArrayList<>();
		for (WeightedMeasure m : current.measures()) {
			measures.add(new WeightedMeasure(m.measure(), number(form, "weight." + m.measure(), m.weight()), m.rule()));
		}
		return new ScorecardDefinition(measures, number(form, "redBelow", current.redBelow()),
				number(form, "greenFrom", current.greenFrom()));
	}

	private static double number(Map<String, String> form, String field, double fallback) {
		String value = form.get(field);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field + ": not a number");
		}
	}

	private Scorecard find(WorkspaceId workspace, long id) {
		return health.scorecards(workspace)
			.stream()
			.filter(card -> card.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("no scorecard " + id));
	}
}
