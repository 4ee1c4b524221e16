package io.kizuna.health.web;

import io.kizuna.workspace.SignedInUser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.kizuna.health.HealthAdministration;
import io.kizuna.health.Scorecard;
import io.kizuna.health.ScorecardDefinition;
import io.kizuna.health.ScorecardViolation;
import io.kizuna.health.ScoringRule;
import io.kizuna.health.WeightedMeasure;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Edits a scorecard's weights, each measure's scoring rule and the band cut-offs, with a preview of the band
 * distribution the change would give today before it is saved. Anything invalid is explained field by field in
 * the reader's language, and nothing is saved.
 */
@Controller
class ScorecardEditorController {

	static final List<String> RULE_TYPES = List.of("linear", "bands", "percentile");

	private final HealthAdministration health;

	private final MessageSource messages;

	ScorecardEditorController(HealthAdministration health, MessageSource messages) {
		this.health = health;
		this.messages = messages;
	}

	@GetMapping("/settings/scorecards/{id}")
	String edit(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, Model model) {
		Scorecard card = find(signedIn.user().workspaceId(), id);
		model.addAttribute("card", card);
		model.addAttribute("definition", card.definition());
		model.addAttribute("rules", fields(card.definition()));
		model.addAttribute("ruleTypes", RULE_TYPES);
		return "health/scorecard";
	}

	/** Preview (htmx) or save, depending on the button pressed. */
	@PostMapping("/settings/scorecards/{id}")
	String submit(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id,
			@RequestParam Map<String, String> form, @RequestParam(defaultValue = "preview") String action,
			HttpServletRequest request, Locale locale, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		Scorecard card = find(workspace, id);
		List<String> errors = new ArrayList<>();
		ScorecardDefinition proposed = proposed(card.definition(), form, errors, locale);
		if (errors.isEmpty()) {
			for (ScorecardViolation violation : health.violations(proposed)) {
				errors.add(text(violation, locale));
			}
		}
		if (errors.isEmpty()) {
			// Compared before saving: afterwards the change would be the scorecard as it is.
			model.addAttribute("preview", health.previewChange(workspace, id, proposed));
			if ("save".equals(action)) {
				health.updateScorecard(workspace, id, card.name(), proposed);
				model.addAttribute("saved", true);
			}
		}
		else {
			model.addAttribute("errors", errors);
			proposed = card.definition();
		}
		model.addAttribute("card", card);
		model.addAttribute("definition", proposed);
		model.addAttribute("rules", fields(proposed));
		model.addAttribute("ruleTypes", RULE_TYPES);
		return request.getHeader("HX-Request") != null ? "health/scorecard :: preview" : "health/scorecard";
	}

	/** A scorecard for a tier, first a copy of the default one; then its editor opens. */
	@PostMapping("/settings/scorecards")
	String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String tier,
			@RequestParam(required = false) String name, RedirectAttributes redirect) {
		try {
			Scorecard created = health.createTierScorecard(signedIn.user().workspaceId(), tier, name);
			redirect.addFlashAttribute("created", true);
			return "redirect:/settings/scorecards/" + created.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("scorecardError", "scorecard.new.invalid");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("scorecardError", "scorecard.new.exists");
		}
		return "redirect:/settings#scorecards";
	}

	private ScorecardDefinition proposed(ScorecardDefinition current, Map<String, String> form, List<String> errors,
			Locale locale) {
		List<WeightedMeasure> measures = new ArrayList<>();
		for (WeightedMeasure m : current.measures()) {
			String label = label(m.measure(), locale);
			Double weight = number(form, "weight." + m.measure(), m.weight(), label, errors, locale);
			measures.add(new WeightedMeasure(m.measure(), weight == null ? m.weight() : weight,
					rule(m, form, label, errors, locale)));
		}
		Double red = number(form, "redBelow", current.redBelow(), text("scorecard.redBelow", locale), errors, locale);
		Double green = number(form, "greenFrom", current.greenFrom(), text("scorecard.greenFrom", locale), errors, locale);
		return new ScorecardDefinition(measures, red == null ? current.redBelow() : red,
				green == null ? current.greenFrom() : green);
	}

	/** The rule as the form gives it; a measure the form does not mention keeps its rule. */
	private ScoringRule rule(WeightedMeasure m, Map<String, String> form, String label, List<String> errors,
			Locale locale) {
		String prefix = "rule." + m.measure() + ".";
		String type = form.get(prefix + "type");
		if (type == null) {
			return m.rule();
		}
		return switch (type) {
			case "linear" -> new ScoringRule("linear", number(form, prefix + "from", null, label, errors, locale),
					number(form, prefix + "to", null, label, errors, locale), null, null, null);
			case "bands" -> new ScoringRule("bands", null, null, numbers(form.get(prefix + "thresholds"), label, errors, locale),
					numbers(form.get(prefix + "scores"), label, errors, locale), null);
			case "percentile" -> ScoringRule.percentile(!"false".equals(form.get(prefix + "higherIsBetter")));
			default -> {
				errors.add(messages.getMessage("scorecard.error.type", new Object[] { label }, locale));
				yield m.rule();
			}
		};
	}

	private Double number(Map<String, String> form, String field, Double fallback, String label, List<String> errors,
			Locale locale) {
		String value = form.get(field);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			double number = Double.parseDouble(value.strip());
			if (Double.isFinite(number) && value.length() <= 30) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(messages.getMessage("scorecard.error.number", new Object[] { label }, locale));
		return null;
	}

	/** Numbers separated by commas, Japanese commas or spaces; at most 50. */
	private List<Double> numbers(String value, String label, List<String> errors, Locale locale) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		List<Double> numbers = new ArrayList<>();
		for (String part : value.strip().split("[,、\\s]+", 51)) {
			try {
				double number = Double.parseDouble(part);
				if (!Double.isFinite(number) || numbers.size() == 50) {
					throw new NumberFormatException(part);
				}
				numbers.add(number);
			}
			catch (NumberFormatException ex) {
				errors.add(messages.getMessage("scorecard.error.number", new Object[] { label }, locale));
				return List.of();
			}
		}
		return numbers;
	}

	private String text(ScorecardViolation violation, Locale locale) {
		String label = violation.measure() == null ? "" : label(violation.measure(), locale);
		return messages.getMessage("scorecard.error." + violation.code(), new Object[] { label }, violation.message(),
				locale);
	}

	private String label(String measure, Locale locale) {
		return messages.getMessage("measure." + measure, null, measure, locale);
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	/** The rule parameters as the form shows them: plain numbers, lists comma-separated. */
	static Map<String, Map<String, String>> fields(ScorecardDefinition definition) {
		Map<String, Map<String, String>> fields = new LinkedHashMap<>();
		for (WeightedMeasure m : definition.measures()) {
			ScoringRule rule = m.rule();
			Map<String, String> values = new LinkedHashMap<>();
			values.put("type", rule.type());
			values.put("from", plain(rule.from()));
			values.put("to", plain(rule.to()));
			values.put("thresholds", rule.thresholds() == null ? ""
					: rule.thresholds().stream().map(ScorecardEditorController::plain).collect(Collectors.joining(", ")));
			values.put("scores", rule.scores() == null ? ""
					: rule.scores().stream().map(ScorecardEditorController::plain).collect(Collectors.joining(", ")));
			values.put("higherIsBetter", String.valueOf(!Boolean.FALSE.equals(rule.higherIsBetter())));
			fields.put(m.measure(), values);
		}
		return fields;
	}

	static String plain(Double value) {
		return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	private Scorecard find(WorkspaceId workspace, long id) {
		return health.scorecards(workspace)
			.stream()
			.filter(card -> card.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("no scorecard " + id));
	}
}
